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
        await (store is PostgresEventStore pg ? SeedPostgresAsync(pg, events) : SeedSqliteAsync(location, events));
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

    private static IEnumerable<(int N, string Stream, int Version, string Json)> Log(int events)
    {
        var versions = new int[10_000];
        for (var n = 0; n < events; n++)
        {
            var stream = n % versions.Length;
            yield return (n, $"topic-{stream}", ++versions[stream], JsonSerializer.Serialize(BenchEvents.Sample(n), EventTypeRegistry.JsonOptions));
        }
    }

    private static async Task SeedPostgresAsync(PostgresEventStore store, int events)
    {
        await using var connection = await store.DataSource.OpenConnectionAsync();
        await using (var streams = await connection.BeginBinaryImportAsync("COPY es_streams (stream_id, stream_type, version) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var group in Log(events).GroupBy(e => e.Stream))
            {
                await streams.WriteRowAsync(default, group.Key, "topic", (long)group.Count());
            }

            await streams.CompleteAsync();
        }

        var at = DateTimeOffset.UtcNow;
        await using (var writer = await connection.BeginBinaryImportAsync(
            "COPY es_events (position, stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) FROM STDIN (FORMAT BINARY)"))
        {
            foreach (var (n, stream, version, json) in Log(events))
            {
                await writer.StartRowAsync();
                await writer.WriteAsync((long)n + 1, NpgsqlDbType.Bigint);
                await writer.WriteAsync(stream, NpgsqlDbType.Text);
                await writer.WriteAsync("topic", NpgsqlDbType.Text);
                await writer.WriteAsync((long)version, NpgsqlDbType.Bigint);
                await writer.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await writer.WriteAsync(BenchEvents.PostedType, NpgsqlDbType.Text);
                await writer.WriteAsync(1, NpgsqlDbType.Integer);
                await writer.WriteAsync(json, NpgsqlDbType.Json);
                await writer.WriteAsync("{}", NpgsqlDbType.Json);
                await writer.WriteAsync(at, NpgsqlDbType.TimestampTz);
            }

            await writer.CompleteAsync();
        }

        await using var head = new NpgsqlCommand($"UPDATE es_head SET position = {events}; ANALYZE es_events;", connection);
        await head.ExecuteNonQueryAsync();
    }

    private static async Task SeedSqliteAsync(string location, int events)
    {
        await using var connection = new SqliteConnection(location);
        await connection.OpenAsync();
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync();
        await using (var streams = connection.CreateCommand())
        {
            streams.Transaction = tx;
            streams.CommandText = "INSERT INTO es_streams (stream_id, stream_type, version) VALUES (@s, 'topic', @v)";
            var s = streams.Parameters.Add("s", SqliteType.Text);
            var v = streams.Parameters.Add("v", SqliteType.Integer);
            foreach (var group in Log(events).GroupBy(e => e.Stream))
            {
                s.Value = group.Key;
                v.Value = group.Count();
                await streams.ExecuteNonQueryAsync();
            }
        }

        await using var insert = connection.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO es_events (stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) " +
                             "VALUES (@s, 'topic', @v, @id, @type, 1, @data, '{}', @at)";
        var stream = insert.Parameters.Add("s", SqliteType.Text);
        var version = insert.Parameters.Add("v", SqliteType.Integer);
        var id = insert.Parameters.Add("id", SqliteType.Text);
        var data = insert.Parameters.Add("data", SqliteType.Text);
        insert.Parameters.AddWithValue("type", BenchEvents.PostedType);
        insert.Parameters.AddWithValue("at", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        foreach (var (_, s, v, json) in Log(events))
        {
            stream.Value = s;
            version.Value = v;
            id.Value = Guid.CreateVersion7().ToString();
            data.Value = json;
            await insert.ExecuteNonQueryAsync();
        }

        await tx.CommitAsync();
    }
}
