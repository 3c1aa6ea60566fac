using System.Diagnostics;
using System.Text.Json;
using BrandForum.EventStore;

namespace BrandForum.Benchmarks;

/// <summary>
/// Single-event appends per second at 1 and 16 concurrent writers, next to the same engine's raw baseline
/// measured in the same run: one plain INSERT per transaction through the same driver at the same concurrency.
/// </summary>
public static class AppendScenario
{
    public sealed record Row(StorageEngine Engine, int Writers, string What, double PerSecond, double P50Ms, double P99Ms);

    public static async Task<IReadOnlyList<Row>> RunAsync(StorageEngine engine, TimeSpan duration)
    {
        var rows = new List<Row>();
        foreach (var writers in new[] { 1, 16 })
        {
            var location = BenchStores.NewLocation(engine);
            await using var store = await BenchStores.OpenAsync(engine, location);
            rows.Add(await MeasureAsync(engine, writers, "raw INSERT", duration, _ => RawInsertLoop(store)));
            rows.Add(await MeasureAsync(engine, writers, "append", duration, w => AppendLoop(store, w)));
            await using var inline = await BenchStores.OpenAsync(engine, location, [new TopicCountersProjection()]);
            rows.Add(await MeasureAsync(engine, writers, "append + inline projection", duration, w => AppendLoop(inline, w + 1000)));
        }

        return rows;
    }

    /// <summary>The raw baseline alone, on a fresh database: for scenarios that compare themselves with it in their own run.</summary>
    public static async Task<Row> RawInsertAsync(StorageEngine engine, int writers, TimeSpan duration)
    {
        await using var store = await BenchStores.OpenAsync(engine, BenchStores.NewLocation(engine));
        return await MeasureAsync(engine, writers, "raw INSERT", duration, _ => RawInsertLoop(store));
    }

    private static Func<CancellationToken, Task> RawInsertLoop(SqlEventStore store)
    {
        var payload = JsonSerializer.Serialize(BenchEvents.Sample(1), EventTypeRegistry.JsonOptions);
        return async ct =>
        {
            await using var connection = await store.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = store.Engine == StorageEngine.Postgres
                ? "INSERT INTO bench_raw (stream_id, data) VALUES (@s, @d::json)"
                : "INSERT INTO bench_raw (stream_id, data) VALUES (@s, @d)";
            Add(command, "s", "raw-1");
            Add(command, "d", payload);
            await command.ExecuteNonQueryAsync(ct);
        };
    }

    /// <summary>Each writer appends to its own 100 streams at the version it knows, as a decider would after loading.</summary>
    private static Func<CancellationToken, Task> AppendLoop(SqlEventStore store, int writer)
    {
        var versions = new long[100];
        var next = 0;
        return async ct =>
        {
            var stream = next++ % versions.Length;
            var result = await store.AppendAsync($"topic-{writer}-{stream}", ExpectedVersion.Exactly(versions[stream]), [BenchEvents.Sample(next)], ct: ct);
            versions[stream] = result.NextExpectedVersion;
        };
    }

    private static async Task<Row> MeasureAsync(StorageEngine engine, int writers, string what, TimeSpan duration, Func<int, Func<CancellationToken, Task>> loopFor)
    {
        var loops = Enumerable.Range(0, writers).Select(loopFor).ToArray();
        await RunLoopsAsync(loops, TimeSpan.FromSeconds(1), null);   // warm-up: pools, JIT, plans
        var latencies = new List<double>[writers];
        var clock = Stopwatch.StartNew();
        var count = await RunLoopsAsync(loops, duration, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        var row = new Row(engine, writers, what, count / seconds, Percentile(all, 0.50), Percentile(all, 0.99));
        Console.WriteLine($"  {engine,-8} {writers,2} writers  {what,-28} {row.PerSecond,9:N0}/s  p50 {row.P50Ms,6:F2} ms  p99 {row.P99Ms,6:F2} ms");
        return row;
    }

    private static async Task<long> RunLoopsAsync(Func<CancellationToken, Task>[] loops, TimeSpan duration, List<double>[]? latencies)
    {
        using var stop = new CancellationTokenSource(duration);
        var counts = await Task.WhenAll(loops.Select((loop, i) => Task.Run(async () =>
        {
            var mine = new List<double>();
            if (latencies is not null)
            {
                latencies[i] = mine;
            }

            long n = 0;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await loop(CancellationToken.None);
                }
                catch (ConcurrencyException)
                {
                    continue;
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                n++;
            }

            return n;
        })));
        return counts.Sum();
    }

    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static void Add(System.Data.Common.DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
