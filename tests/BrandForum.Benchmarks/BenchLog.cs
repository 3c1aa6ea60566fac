using System.Globalization;
using BrandForum.EventStore;
using BrandForum.EventStore.Postgres;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace BrandForum.Benchmarks;

/// <summary>One event of a log loaded in bulk: its stream, version in it, stored type name and JSON.</summary>
public sealed record LogRow(string Stream, string StreamType, long Version, string Type, string Json);

/// <summary>
/// Writes a whole log straight into the store's tables (COPY on PostgreSQL, one transaction on SQLite), bypassing
/// appends and inline projections, so seeding a million events takes seconds and is not part of any figure.
/// <paramref name="log"/> is enumerated twice (streams, then events) and must give the same rows both times.
/// </summary>
public static class BenchLog
{
    /// <summary>
    /// A version-7 id as the server makes them (<see cref="Guid.CreateVersion7(DateTimeOffset)"/>: the instant's
    /// milliseconds first, so ids sort by creation time), with the random part from a seeded <paramref name="random"/>
    /// so a scenario's log comes out the same every time it is enumerated.
    /// </summary>
    public static Guid TimeOrderedId(Random random, DateTimeOffset at)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        var milliseconds = at.ToUnixTimeMilliseconds();
        for (var i = 0; i < 6; i++)
        {
            bytes[i] = (byte)(milliseconds >> (8 * (5 - i)));
        }

        bytes[6] = (byte)(0x70 | (bytes[6] & 0x0F));
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    public static Task SeedAsync(SqlEventStore store, string location, Func<IEnumerable<LogRow>> log) =>
        store is PostgresEventStore pg ? SeedPostgresAsync(pg, log) : SeedSqliteAsync(location, log);

    private static async Task SeedPostgresAsync(PostgresEventStore store, Func<IEnumerable<LogRow>> log)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using (var streams = await connection.BeginBinaryImportAsync("COPY es_streams (stream_id, stream_type, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (stream, type, version) in Streams(log()))
            {
                await streams.WriteRowAsync(default, stream, type, version);
            }

            await streams.CompleteAsync();
        }

        var at = DateTimeOffset.UtcNow;
        long position = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY es_events (position, stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var row in log())
            {
                await writer.StartRowAsync();
                await writer.WriteAsync(++position, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.Stream, NpgsqlDbType.Text);
                await writer.WriteAsync(row.StreamType, NpgsqlDbType.Text);
                await writer.WriteAsync(row.Version, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.Type, NpgsqlDbType.Text);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(row.Json, NpgsqlDbType.Json);
                await writer.WriteAsync("{}", NpgsqlDbType.Json);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using var head = new NpgsqlCommand($"UPDATE es_head SET position = {position}; ANALYZE es_events;", connection);
        await head.ExecuteNonQueryAsync();
    }

    private static async Task SeedSqliteAsync(string location, Func<IEnumerable<LogRow>> log)
    {
        await using var connection = new SqliteConnection(location);
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var streams = connection.CreateCommand())
        {
            streams.Transaction = tx;
            streams.CommandText = "INSERT INTO es_streams (stream_id, stream_type, version) VALUES (@s, @t, @v)";
            var s = streams.Parameters.Add("s", SqliteType.Text);
            var t = streams.Parameters.Add("t", SqliteType.Text);
            var v = streams.Parameters.Add("v", SqliteType.Integer);
            foreach (var (name, type, last) in Streams(log()))
            {
                (s.Value, t.Value, v.Value) = (name, type, last);
                await streams.ExecuteNonQueryAsync();
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO es_events (stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) " +
                             "VALUES (@s, @st, @v, @id, @type, 1, @data, '{}', @at)";
        var stream = insert.Parameters.Add("s", SqliteType.Text);
        var streamType = insert.Parameters.Add("st", SqliteType.Text);
        var version = insert.Parameters.Add("v", SqliteType.Integer);
        var id = insert.Parameters.Add("id", SqliteType.Text);
        var eventType = insert.Parameters.Add("type", SqliteType.Text);
        var data = insert.Parameters.Add("data", SqliteType.Text);
        insert.Parameters.AddWithValue("at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        foreach (var row in log())
        {
            (stream.Value, streamType.Value, version.Value, eventType.Value, data.Value) = (row.Stream, row.StreamType, row.Version, row.Type, row.Json);
            id.Value = Guid.CreateVersion7().ToString();
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }

    private static IEnumerable<(string Stream, string Type, long Version)> Streams(IEnumerable<LogRow> log)
    {
        var versions = new Dictionary<string, (string Type, long Version)>(StringComparer.Ordinal);
        foreach (var row in log)
        {
            versions[row.Stream] = (row.StreamType, Math.Max(row.Version, versions.GetValueOrDefault(row.Stream).Version));
        }

        return versions.Select(v => (v.Key, v.Value.Type, v.Value.Version));
    }
}
