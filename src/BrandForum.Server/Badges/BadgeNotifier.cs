using BrandForum.Domain.Badges;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Badges;

/// <summary>
/// Announces new awards: turns each pending row of <c>badge_notices</c> into a <see cref="BadgeAwarded"/> event on
/// the member's <c>notices-{memberId}</c> stream, from which the live tail tells the member (the <c>me</c> channel,
/// the bell). An event rather than a push from the projection, so a reconnecting client's replay finds it, every node
/// sends it to its own connections, and positions stay in log order. Each row is claimed before its event is appended,
/// so two nodes never announce it twice (a crash between the two loses that one notice, which is the cheaper failure).
/// </summary>
public sealed class BadgeNotifier(SqlEventStore store, BadgeCatalogue catalogue, ILogger<BadgeNotifier> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(500);

    public static string StreamId(Guid memberId) => $"notices-{memberId}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicChecks.RunAsync(
        Interval, TimeProvider.System, AnnounceAsync, e => logger.LogWarning(e, "Announcing badges failed; trying again shortly."), stoppingToken);

    public async Task AnnounceAsync(CancellationToken ct)
    {
        var pending = await store.QueryAsync(
            "SELECT member_id, badge_id, n, awarded_at FROM badge_notices WHERE NOT announced ORDER BY awarded_at LIMIT 100",
            r => (Member: BadgeProjection.ReadId(r.GetValue(0)), Badge: r.GetString(1), N: r.GetInt32(2), At: Sql.ReadTime(r, 3)), ct);
        foreach (var notice in pending)
        {
            var claimed = await store.ExecuteAsync(
                "UPDATE badge_notices SET announced = @yes WHERE member_id = @m AND badge_id = @b AND n = @n AND NOT announced",
                ct, ("yes", store.Engine == StorageEngine.Postgres ? true : 1), ("m", Sql.Id(store.Engine, notice.Member)), ("b", notice.Badge), ("n", notice.N));
            if (claimed == 1 && catalogue.Find(notice.Badge) is { } badge)
            {
                await store.AppendAsync(
                    StreamId(notice.Member), ExpectedVersion.Any, [new BadgeAwarded(notice.Member, badge.Id, badge.Name, Badge.TierName(badge.Tier), notice.At)], ct: ct);
            }
        }
    }
}
