using BrandForum.Domain.Crisis;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Crisis;

/// <summary>
/// Records that a crisis ended once its end time passed, for the timeline and the live alert. Nothing waits on it:
/// a crisis stops applying at its end time on every node. One node at a time (a lease); the decider records an
/// end only once, whoever asks.
/// </summary>
public sealed class CrisisWatch(SqlEventStore store, Leases leases, CrisisBoard board, CrisisOptions options, TimeProvider time, ILogger<CrisisWatch> logger) : BackgroundService
{
    private const string LeaseName = "crisis-watch";

    private readonly string _holder = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicChecks.RunAsync(
        options.WatchInterval, TimeProvider.System, EndOverdueAsync, e => logger.LogWarning(e, "The crisis watch failed a round."), stoppingToken);

    private async Task EndOverdueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var overdue = await store.QueryAsync("SELECT scope FROM crises WHERE until <= @now", r => r.GetString(0), ct, ("now", Sql.Time(store.Engine, now)));
        if (overdue.Count == 0 || !await leases.TryAcquireAsync(LeaseName, _holder, options.WatchInterval * 3, ct))
        {
            return;
        }

        foreach (var scope in overdue)
        {
            await store.DecideAsync(CrisisSetup.StreamId(scope), CrisisMode.DeciderFor(scope), new EndCrisis(null, now), new EventMetadata(Actor: "crisis-watch"), ct: ct);
        }

        board.Invalidate();
    }
}
