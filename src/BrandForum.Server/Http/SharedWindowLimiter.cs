using System.Threading.RateLimiting;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Http;

/// <summary>
/// A fixed-window limiter whose counter lives in the shared database, so every node counts the same attempts:
/// three nodes do not triple a sign-in limit. One small upsert per attempt; only sign-in and sign-up use it.
/// </summary>
public sealed class SharedWindowLimiter(SqlEventStore store, TimeProvider time, string key, int permits, TimeSpan window) : RateLimiter
{
    public static readonly Migration Table = new(
        "http/001-rate-limit-windows",
        "CREATE TABLE rate_limit_windows (key text PRIMARY KEY, window_start bigint NOT NULL, hits int NOT NULL);",
        "CREATE TABLE rate_limit_windows (key TEXT PRIMARY KEY, window_start INTEGER NOT NULL, hits INTEGER NOT NULL) WITHOUT ROWID;");

    private static long _attempts;
    private DateTimeOffset _lastUsed = time.GetUtcNow();

    public override TimeSpan? IdleDuration => time.GetUtcNow() - _lastUsed;

    public override RateLimiterStatistics? GetStatistics() => null;

    // The middleware acquires asynchronously; a synchronous caller gets the same answer the slow way.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => AcquireAsyncCore(permitCount, CancellationToken.None).AsTask().GetAwaiter().GetResult();

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _lastUsed = now;
        var seconds = (long)window.TotalSeconds;
        var windowStart = now.ToUnixTimeSeconds() / seconds * seconds;
        var hits = (await store.QueryAsync(
            "INSERT INTO rate_limit_windows (key, window_start, hits) VALUES (@k, @w, @n) " +
            "ON CONFLICT (key) DO UPDATE SET hits = CASE WHEN rate_limit_windows.window_start = excluded.window_start " +
            "THEN rate_limit_windows.hits + excluded.hits ELSE excluded.hits END, window_start = excluded.window_start RETURNING hits",
            r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            cancellationToken,
            ("k", key),
            ("w", windowStart),
            ("n", permitCount))).Single();

        if (Interlocked.Increment(ref _attempts) % 1000 == 0)
        {
            // Now and then, forget windows that ended long ago.
            await store.ExecuteAsync("DELETE FROM rate_limit_windows WHERE window_start < @old", cancellationToken, ("old", windowStart - 86_400));
        }

        return hits <= permits ? Lease.Granted : new Lease(TimeSpan.FromSeconds(windowStart + seconds - now.ToUnixTimeSeconds()));
    }

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static Lease Granted { get; } = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = metadataName == MetadataName.RetryAfter.Name ? retryAfter : null;
            return metadata is not null;
        }
    }
}
