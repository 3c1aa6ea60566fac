using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BrandForum.Benchmarks;

/// <summary>
/// Sign-ins per second through the real server (a process on SQLite, rate limits off), next to the cost of
/// the password hash alone: PBKDF2-HMAC-SHA512 at the iterations BrandForum uses and at Identity's default.
/// </summary>
public static class SignInScenario
{
    public const int ForumIterations = 210_000;
    private const int IdentityDefaultIterations = 100_000;
    private const string Password = "a long enough passphrase";

    public static async Task<double> RunAsync(TimeSpan duration)
    {
        foreach (var iterations in new[] { ForumIterations, IdentityDefaultIterations })
        {
            var perSecond = HashesPerSecond(iterations, TimeSpan.FromSeconds(3));
            Console.WriteLine($"  PBKDF2-SHA512 {iterations,7:N0} iterations: {perSecond,6:N1} verifications/s on one core ({1000 / perSecond:F1} ms each)");
        }

        using var server = await ServerUnderTest.StartAsync();
        using var http = server.CreateClient();
        var registered = await http.PostAsJsonAsync("/api/auth/register", new { userName = "bench", email = "bench@example.com", password = Password });
        registered.EnsureSuccessStatusCode();

        foreach (var clients in new[] { 1, 4 })
        {
            var latencies = new List<double>();
            using var stop = new CancellationTokenSource(duration);
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.PostAsJsonAsync("/api/auth/login", new { login = "bench", password = Password });
                    response.EnsureSuccessStatusCode();
                    lock (latencies)
                    {
                        latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    }
                }
            })));
            var sorted = latencies.Order().ToArray();
            Console.WriteLine($"  HTTP sign-in, {clients} client(s): {sorted.Length / clock.Elapsed.TotalSeconds,6:N1} sign-ins/s  p50 {AppendScenario.Percentile(sorted, 0.5):F1} ms  p99 {AppendScenario.Percentile(sorted, 0.99):F1} ms");
        }

        return 0;
    }

    private static double HashesPerSecond(int iterations, TimeSpan duration)
    {
        var hasher = new PasswordHasher<object>(Options.Create(new PasswordHasherOptions { IterationCount = iterations }));
        var hash = hasher.HashPassword(new object(), Password);
        var count = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < duration)
        {
            hasher.VerifyHashedPassword(new object(), hash, Password);
            count++;
        }

        return count / clock.Elapsed.TotalSeconds;
    }
}
