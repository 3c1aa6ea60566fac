using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.EventStore.Postgres;
using BrandForum.EventStore.Projections;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace BrandForum.Benchmarks;

/// <summary>
/// Rebuild throughput over a log of <c>events</c> reply-sized events in 10,000 streams: the log is bulk-loaded
/// (not part of the figure), then each projection is rebuilt from position 0 and timed.
/// </summary>
public static class RebuildScenario
{
    public sealed record Row(StorageEngine Engine, string Projection, long Events, double Seconds)
    {
        public double PerSecond => Events / Seconds;
    }

    public static async Task<IReadOnlyList<Row>> RunAsync(StorageEngine engine, int events)
    {
        var location = BenchStores.NewLocation(engine);
        await using var store = await BenchStores.OpenAsync(engine, location);
        var seeding = Stopwatch.StartNew();
        await SeedAsync(store, location, () => Log(events));
        Console.WriteLine($"  {engine,-8} seeded {events:N0} events in {seeding.Elapsed.TotalSeconds:F1} s");

        var rows = new List<Row>();
        foreach (IProjection projection in new IProjection[] { new ReadOnlyProjection(), new TopicCountersProjection(), new PostRowsProjection() })
        {
            var clock = Stopwatch.StartNew();
            var applied = await new ProjectionRunner(store, projection, ProjectionRunner.RebuildBatchSize).RebuildAsync();
            var row = new Row(engine, projection.Name, applied, clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  {engine,-8} rebuild {projection.Name,-22} {applied:N0} events in {row.Seconds:F1} s = {row.PerSecond:N0} events/s");
            rows.Add(row);
        }

        return rows;
    }

    /// <summary>One event of a bulk-loaded log, in log order; versions are per stream from 1.</summary>
    public sealed record LogRow(string Stream, string StreamType, int Version, string Type, string Json);

    /// <summary>Bulk-loads a log (COPY on PostgreSQL, one transaction on SQLite): setup, never part of a figure. <paramref name="log"/> is read twice.</summary>
    public static Task SeedAsync(SqlEventStore store, string location, Func<IEnumerable<LogRow>> log) =>
        store is PostgresEventStore pg ? SeedPostgresAsync(pg, log) : SeedSqliteAsync(location, log);

    private static IEnumerable<LogRow> Log(int events)
    {
        var versions = new int[10_000];
        for (var n = 0; n < events; n++)
        {
            var stream = n % versions.Length;
            yield return new LogRow($"topic-{stream}", "topic", ++versions[stream], BenchEvents.PostedType, JsonSerializer.Serialize(BenchEvents.Sample(n), EventTypeRegistry.JsonOptions));
        }
    }

    private static async Task SeedPostgresAsync(PostgresEventStore store, Func<IEnumerable<LogRow>> log)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using (var streams = await connection.BeginBinaryImportAsync("COPY es_streams (stream_id, stream_type, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var group in log().GroupBy(e => (e.Stream, e.StreamType)))
            {
                await streams.WriteRowAsync(default, group.Key.Stream, group.Key.StreamType, (long)group.Count());
            }

            await streams.CompleteAsync();
        }

        var at = DateTimeOffset.UtcNow;
        var events = 0;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY es_events (position, stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (row, n) in log().Select((row, n) => (row, n)))
            {
                events = n + 1;
                await writer.StartRowAsync();
                await writer.WriteAsync((long)n + 1, NpgsqlDbType.Bigint);
                await writer.WriteAsync(row.Stream, NpgsqlDbType.Text);
                await writer.WriteAsync(row.StreamType, NpgsqlDbType.Text);
                await writer.WriteAsync((long)row.Version, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(row.Type, NpgsqlDbType.Text);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(row.Json, NpgsqlDbType.Json);
                await writer.WriteAsync("{}", NpgsqlDbType.Json);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using var head = new NpgsqlCommand($"UPDATE es_head SET position = {events}; ANALYZE es_events;", connection);
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
            foreach (var group in log().GroupBy(e => (e.Stream, e.StreamType)))
            {
                (s.Value, t.Value) = group.Key;
                v.Value = group.Count();
                await streams.ExecuteNonQueryAsync();
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO es_events (stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) " +
                             "VALUES (@s, @st, @v, @id, @type, 1, @data, '{}', @at)";
        var stream = insert.Parameters.Add("s", SqliteType.Text);
        var streamType = insert.Parameters.Add("st", SqliteType.Text);
        var type = insert.Parameters.Add("type", SqliteType.Text);
        var version = insert.Parameters.Add("v", SqliteType.Integer);
        var id = insert.Parameters.Add("id", SqliteType.Text);
        var data = insert.Parameters.Add("data", SqliteType.Text);
        insert.Parameters.AddWithValue("at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        foreach (var row in log())
        {
            stream.Value = row.Stream;
            streamType.Value = row.StreamType;
            type.Value = row.Type;
            version.Value = row.Version;
            id.Value = Guid.CreateVersion7().ToString();
            data.Value = row.Json;
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }
}
