using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Badges;

public sealed record HeldBadge(string Badge, string Name, string Tier, DateTimeOffset AwardedAt, string Reason);

public sealed record CatalogueEntry(string Badge, string Name, string Description, string Tier, string Rule, int? Threshold, bool Multiple, bool Revocable, bool Manual, long Holders);

public sealed record LeaderboardRow(int Rank, string UserName, long Score);

/// <summary>Reads of the badge projection's tables.</summary>
public sealed class BadgeReads(SqlEventStore store, BadgeCatalogue catalogue, TimeProvider time)
{
    public const int LeaderboardSize = 50;

    /// <summary>The longest leaderboard period but all time ("month"): the badges projection keeps daily activity this far back only.</summary>
    public const int LongestPeriodDays = 30;

    /// <summary>The activities members are ranked on (contributors, helpers, referrals), the only ones the projection keeps per day.</summary>
    public static readonly IReadOnlySet<BadgeActivity> RankedActivities = new HashSet<BadgeActivity> { BadgeActivity.Posts, BadgeActivity.Reactions, BadgeActivity.Referrals };

    /// <summary>A member's badges, in the order they were awarded; badges since dropped from the catalogue are left out.</summary>
    public async Task<IReadOnlyList<HeldBadge>> OfMemberAsync(Guid memberId, CancellationToken ct)
    {
        var rows = await store.QueryAsync(
            "SELECT badge_id, awarded_at, reason FROM badge_awards WHERE member_id = @m ORDER BY awarded_at, badge_id, n",
            r => (Badge: r.GetString(0), At: Sql.ReadTime(r, 1), Reason: r.GetString(2)), ct, ("m", Sql.Id(store.Engine, memberId)));
        return [.. rows.Where(r => catalogue.Find(r.Badge) is not null).Select(r =>
        {
            var badge = catalogue.Find(r.Badge)!;
            return new HeldBadge(badge.Id, badge.Name, Badge.TierName(badge.Tier), r.At, r.Reason);
        })];
    }

    /// <summary>The catalogue with how many members hold each badge.</summary>
    public async Task<IReadOnlyList<CatalogueEntry>> CatalogueAsync(CancellationToken ct)
    {
        var holders = (await store.QueryAsync(
            "SELECT badge_id, COUNT(DISTINCT member_id) FROM badge_awards GROUP BY badge_id", r => (r.GetString(0), r.GetInt64(1)), ct)).ToDictionary(h => h.Item1, h => h.Item2);
        return [.. catalogue.All.Select(b => new CatalogueEntry(
            b.Id, b.Name, b.Description, Badge.TierName(b.Tier), Badge.ActivityName(b.Activity), b.IsManual ? null : b.Threshold, b.Multiple, b.Revocable, b.IsManual,
            holders.GetValueOrDefault(b.Id)))];
    }

    /// <summary>
    /// The top members on one activity over a period (since the start of the UTC day 7 or 30 days ago, or all time), leaving out
    /// staff (Moderator, Admin) and members under a ban that has not ended.
    /// </summary>
    public async Task<IReadOnlyList<LeaderboardRow>> LeaderboardAsync(BadgeActivity activity, int? days, CancellationToken ct)
    {
        var engine = store.Engine;
        var now = time.GetUtcNow();
        var scores = days is { } period
            ? "SELECT member_id, SUM(delta) AS score FROM badge_activity_days WHERE activity = @a AND day > @since GROUP BY member_id"
            : $"SELECT member_id, {Badge.ActivityName(activity)} AS score FROM badge_totals"; // a column name from the enum, never from input
        var sql =
            $"SELECT c.user_name, s.score FROM ({scores}) s JOIN member_cards c ON c.member_id = s.member_id " +
            "WHERE s.score > 0 " +
            "AND NOT EXISTS (SELECT 1 FROM member_roles r WHERE r.member_id = s.member_id AND r.role IN ('Moderator', 'Admin')) " +
            "AND NOT EXISTS (SELECT 1 FROM sanctions b WHERE b.member_id = s.member_id AND b.kind = 'ban' AND b.lifted_at IS NULL AND (b.until IS NULL OR b.until > @now)) " +
            $"ORDER BY s.score DESC, c.user_name LIMIT {LeaderboardSize}";
        var rows = await store.QueryAsync(
            sql, r => (UserName: r.GetString(0), Score: Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), ct,
            ("a", Badge.ActivityName(activity)), ("since", BadgeProjection.Day(engine, now.AddDays(-(days ?? 0)))), ("now", Sql.Time(engine, now)));
        return [.. rows.Select((r, i) => new LeaderboardRow(i + 1, r.UserName, r.Score))];
    }
}
