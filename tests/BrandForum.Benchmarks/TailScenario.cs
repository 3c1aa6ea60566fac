using System.Collections.Concurrent;
using System.Diagnostics;
using BrandForum.EventStore;

namespace BrandForum.Benchmarks;

/// <summary>
/// Latency from the start of an append to its delivery by a tail on another store instance — another
/// node on PostgreSQL (woken by LISTEN/NOTIFY), the same process on SQLite (in-process signal). Measured
/// from the append's start, so it includes the commit itself: an upper bound of commit → delivery.
/// </summary>
public static class TailScenario
{
    public sealed record Result(StorageEngine Engine, int Events, double P50Ms, double P99Ms, double MaxMs);

    public static async Task<Result> RunAsync(StorageEngine engine, int events = 1000, int perSecond = 200)
    {
        var location = BenchStores.NewLocation(engine);
        await using var writer = await BenchStores.OpenAsync(engine, location);
        await using var other = engine == StorageEngine.Postgres ? await BenchStores.OpenAsync(engine, location) : null;
        var reader = other ?? writer;
        var started = new ConcurrentDictionary<int, long>();
        var latencies = new List<double>(events);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        var tail = Task.Run(async () =>
        {
            await foreach (var e in reader.SubscribeAsync(0, stop.Token))
            {
                var n = ((Posted)e.Data).Number;
                latencies.Add(Stopwatch.GetElapsedTime(started[n]).TotalMilliseconds);
                if (latencies.Count == events)
                {
                    return;
                }
            }
        });
        await Task.Delay(500);   // let the reader start listening

        var interval = TimeSpan.FromSeconds(1.0 / perSecond);
        for (var n = 0; n < events; n++)
        {
            started[n] = Stopwatch.GetTimestamp();
            await writer.AppendAsync($"topic-{n % 50}", ExpectedVersion.Any, [BenchEvents.Sample(n)]);
            await Task.Delay(interval);
        }

        await tail.WaitAsync(stop.Token);
        var sorted = latencies.Order().ToArray();
        var result = new Result(engine, events, AppendScenario.Percentile(sorted, 0.5), AppendScenario.Percentile(sorted, 0.99), sorted[^1]);
        Console.WriteLine($"  {engine,-8} tail latency over {events} events: p50 {result.P50Ms:F2} ms  p99 {result.P99Ms:F2} ms  max {result.MaxMs:F2} ms");
        return result;
    }
}
