using System.Diagnostics;

namespace BrandForum.Benchmarks;

/// <summary>
/// A closed-loop HTTP load generator: <c>connections</c> loops, each sending its next request when the previous
/// answer is fully read, over as many kept-alive connections to 127.0.0.1. It shares the machine with the server,
/// as wrk would; what matters is that every figure and its baseline are measured the same way in the same run.
/// </summary>
public static class HttpLoad
{
    public sealed record Result(string What, double PerSecond, double P50Ms, double P99Ms, long Errors)
    {
        public override string ToString() =>
            $"{What,-44} {PerSecond,9:N0} req/s  p50 {P50Ms,6:F2} ms  p99 {P99Ms,6:F2} ms{(Errors > 0 ? $"  {Errors:N0} errors" : "")}";
    }

    public static HttpClient Client(Uri baseAddress, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
    })
    { BaseAddress = baseAddress };

    /// <summary>How long <see cref="RunAsync"/> warms up before measuring unless told (`--warmup`, seconds; 2 by default).</summary>
    public static TimeSpan WarmUp { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Warms up for <paramref name="warmUp"/> or <see cref="WarmUp"/> (JIT tiers, pools), then measures for <paramref name="duration"/>; <paramref name="next"/> gives each request
    /// (loop index, request count), <paramref name="seen"/> sees each answer (loop index, answer), warm-up included; <paramref name="measuring"/> is called when the warm-up ends.
    /// </summary>
    public static async Task<Result> RunAsync(
        string what, HttpClient client, int connections, TimeSpan duration, Func<int, long, HttpRequestMessage> next, Action<int, HttpResponseMessage>? seen = null, Action? measuring = null, TimeSpan? warmUp = null)
    {
        await LoopsAsync(client, connections, warmUp ?? WarmUp, next, seen, null);
        measuring?.Invoke();
        var latencies = new List<double>[connections];
        var clock = Stopwatch.StartNew();
        var (ok, errors) = await LoopsAsync(client, connections, duration, next, seen, latencies);
        var seconds = clock.Elapsed.TotalSeconds;
        var sorted = latencies.SelectMany(l => l).Order().ToArray();
        var result = new Result(what, ok / seconds, AppendScenario.Percentile(sorted, 0.50), AppendScenario.Percentile(sorted, 0.99), errors);
        Console.WriteLine($"  {result}");
        return result;
    }

    /// <summary>Sends requests without measuring: run it for every kind of request before measuring any, so none is measured half-jitted.</summary>
    public static Task WarmUpAsync(HttpClient client, int connections, TimeSpan duration, Func<int, long, HttpRequestMessage> next) =>
        LoopsAsync(client, connections, duration, next, null, null);

    private static async Task<(long Ok, long Errors)> LoopsAsync(
        HttpClient client, int connections, TimeSpan duration, Func<int, long, HttpRequestMessage> next, Action<int, HttpResponseMessage>? seen, List<double>[]? latencies)
    {
        using var stop = new CancellationTokenSource(duration);
        var counts = await Task.WhenAll(Enumerable.Range(0, connections).Select(loop => Task.Run(async () =>
        {
            var mine = new List<double>(100_000);
            if (latencies is not null)
            {
                latencies[loop] = mine;
            }

            long ok = 0, errors = 0;
            while (!stop.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                using var request = next(loop, ok + errors);
                using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                seen?.Invoke(loop, response);
                if (!response.IsSuccessStatusCode)
                {
                    errors++;
                    continue;
                }

                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                ok++;
            }

            return (ok, errors);
        })));
        return (counts.Sum(c => c.ok), counts.Sum(c => c.errors));
    }
}
