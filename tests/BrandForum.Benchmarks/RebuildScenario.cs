using System.Diagnostics;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;

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
        await BenchLog.SeedAsync(store, location, () => Log(events));
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

    private static IEnumerable<LogRow> Log(int events)
    {
        var versions = new int[10_000];
        for (var n = 0; n < events; n++)
        {
            var stream = n % versions.Length;
            yield return new LogRow($"topic-{stream}", "topic", ++versions[stream], BenchEvents.PostedType, JsonSerializer.Serialize(BenchEvents.Sample(n), EventTypeRegistry.JsonOptions));
        }
    }
}
