using System.Data.Common;
using System.Globalization;
using BrandForum.Domain.Referrals;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Referrals;

public sealed record AmbassadorView(Guid MemberId, string UserName, int Tier, string TierName, string Status, DateTimeOffset Since, DateTimeOffset ChangedAt, string? Note);

/// <summary>The funnel's stages, each counting the referrals that reached it; struck ones count in <see cref="Struck"/> only.</summary>
public sealed record FunnelCounts(int Invited, int Registered, int Activated, int Retained, int Struck);

public sealed record CodeFunnel(string Code, string? Label, FunnelCounts Counts);

public sealed record ReferrerFunnel(Guid MemberId, string? UserName, FunnelCounts Counts, bool Flagged);

public sealed record ReferralRow(Guid ReferrerId, string Code, string? UserName, DateTimeOffset RegisteredAt, DateTimeOffset? ActivatedAt, DateTimeOffset? LastActiveAt, DateTimeOffset? StruckAt)
{
    public ReferralStage Stage => ReferralFunnel.StageOf(RegisteredAt, ActivatedAt, LastActiveAt, StruckAt is not null);
}

/// <summary>
/// Reads of the programme and the funnel. Stages are worked out here from the projected times with
/// <see cref="ReferralFunnel.StageOf"/>: retention also looks at visits, which are counted, not logged, so no
/// projection could keep it.
/// </summary>
public sealed class ReferralReads(SqlEventStore store)
{
    public const int PageSize = 20;

    private const string Rows =
        "SELECT r.referrer_id, r.code, c.user_name, r.registered_at, r.activated_at, r.last_post_at, v.current_at, r.struck_at FROM referrals r " +
        "LEFT JOIN member_cards c ON c.member_id = r.member_id LEFT JOIN member_visits v ON v.member_id = r.member_id ";

    public async Task<IReadOnlyList<AmbassadorView>> AmbassadorsAsync(CancellationToken ct) => await store.QueryAsync(
        "SELECT a.member_id, c.user_name, a.tier, a.status, a.since, a.changed_at, a.note FROM ambassadors a JOIN member_cards c ON c.member_id = a.member_id " +
        "ORDER BY CASE a.status WHEN 'retired' THEN 1 ELSE 0 END, a.tier DESC, a.since",
        r => new AmbassadorView(
            r.GetGuid(0), r.GetString(1), r.GetInt32(2), ((AmbassadorTier)r.GetInt32(2)).ToString(), r.GetString(3), Sql.ReadTime(r, 4), Sql.ReadTime(r, 5), Sql.ReadOptionalString(r, 6)),
        ct);

    /// <summary>A referrer's funnel in all and per code (personal code first, then campaigns).</summary>
    public async Task<(FunnelCounts Total, IReadOnlyList<CodeFunnel> Codes)> SummaryAsync(Guid memberId, CancellationToken ct)
    {
        var member = Sql.Id(store.Engine, memberId);
        var codes = await store.QueryAsync(
            "SELECT code, label FROM referral_codes WHERE member_id = @m ORDER BY CASE WHEN label IS NULL THEN 0 ELSE 1 END, created_at, code",
            r => (Code: r.GetString(0), Label: Sql.ReadOptionalString(r, 1)),
            ct,
            ("m", member));
        var visits = (await store.QueryAsync(
            "SELECT v.code, SUM(v.visits) FROM referral_visits v JOIN referral_codes c ON c.code = v.code WHERE c.member_id = @m GROUP BY v.code",
            r => (Code: r.GetString(0), Visits: Int(r, 1)),
            ct,
            ("m", member))).ToDictionary(v => v.Code, v => v.Visits, StringComparer.Ordinal);
        var rows = await store.QueryAsync(Rows + "WHERE r.referrer_id = @m", Read, ct, ("m", member));
        var perCode = codes.Select(c => new CodeFunnel(c.Code, c.Label, Count(visits.GetValueOrDefault(c.Code), rows.Where(r => r.Code == c.Code)))).ToList();
        return (Count(visits.Values.Sum(), rows), perCode);
    }

    /// <summary>A page of the members a referrer brought, newest first; the referrer's own view leaves struck ones out.</summary>
    public async Task<(IReadOnlyList<ReferralRow> Items, int Page, int PageSize, int Total)> ReferralsAsync(Guid memberId, int page, bool includeStruck, CancellationToken ct)
    {
        var where = "WHERE r.referrer_id = @m" + (includeStruck ? "" : " AND r.struck_at IS NULL");
        var member = Sql.Id(store.Engine, memberId);
        var total = await store.QueryAsync($"SELECT count(*) FROM referrals r {where}", r => Int(r, 0), ct, ("m", member));
        var items = await store.QueryAsync(
            $"{Rows}{where} ORDER BY r.registered_at DESC, r.member_id LIMIT @limit OFFSET @offset",
            Read,
            ct,
            ("m", member), ("limit", PageSize), ("offset", (page - 1) * PageSize));
        return (items, page, PageSize, total[0]);
    }

    /// <summary>The whole community's funnel and each referrer's, those with struck referrals flagged for the moderators.</summary>
    public async Task<(FunnelCounts Total, IReadOnlyList<ReferrerFunnel> Referrers)> CommunityAsync(CancellationToken ct)
    {
        var visits = (await store.QueryAsync(
            "SELECT c.member_id, SUM(v.visits) FROM referral_visits v JOIN referral_codes c ON c.code = v.code GROUP BY c.member_id",
            r => (Member: r.GetGuid(0), Visits: Int(r, 1)),
            ct)).ToDictionary(v => v.Member, v => v.Visits);
        var names = (await store.QueryAsync(
            "SELECT DISTINCT c.member_id, c.user_name FROM member_cards c WHERE c.member_id IN (SELECT referrer_id FROM referrals UNION SELECT member_id FROM referral_codes)",
            r => (Member: r.GetGuid(0), Name: r.GetString(1)),
            ct)).ToDictionary(n => n.Member, n => n.Name);
        var rows = await store.QueryAsync(Rows, Read, ct);
        var referrers = names.Keys
            .Select(id => (Id: id, Counts: Count(visits.GetValueOrDefault(id), rows.Where(r => r.ReferrerId == id))))
            .Select(x => new ReferrerFunnel(x.Id, names.GetValueOrDefault(x.Id), x.Counts, x.Counts.Struck > 0))
            .OrderByDescending(r => r.Flagged).ThenByDescending(r => r.Counts.Activated).ThenByDescending(r => r.Counts.Registered).ThenBy(r => r.UserName, StringComparer.Ordinal)
            .ToList();
        return (Count(visits.Values.Sum(), rows), referrers);
    }

    /// <summary>The funnel over the last <paramref name="weeks"/> weeks: one referrer's, or the whole community's (null).</summary>
    public async Task<IReadOnlyList<FunnelWeek>> WeeklyAsync(Guid? memberId, DateTimeOffset now, int weeks, CancellationToken ct)
    {
        var since = FunnelWeeks.Monday(DateOnly.FromDateTime(now.UtcDateTime)).AddDays(-7 * (weeks - 1));
        var member = memberId is { } id ? Sql.Id(store.Engine, id) : null;
        var visits = await store.QueryAsync(
            $"SELECT v.day, SUM(v.visits) FROM referral_visits v JOIN referral_codes c ON c.code = v.code WHERE {(member is null ? "" : "c.member_id = @m AND ")}v.day >= @since GROUP BY v.day",
            r => (Day: r.GetValue(0) is DateTime d ? DateOnly.FromDateTime(d) : r.GetValue(0) is DateOnly day ? day : DateOnly.Parse(r.GetString(0), CultureInfo.InvariantCulture), Visits: Int(r, 1)),
            ct,
            ("m", member), ("since", store.Engine == StorageEngine.Postgres ? since : since.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var rows = await store.QueryAsync(Rows + (member is null ? "WHERE" : "WHERE r.referrer_id = @m AND") + " r.struck_at IS NULL", Read, ct, ("m", member));
        return FunnelWeeks.Of(visits, rows.Select(r => new ReferralDates(r.RegisteredAt, r.ActivatedAt, r.Stage == ReferralStage.Retained)), now, weeks);
    }

    private static FunnelCounts Count(int invited, IEnumerable<ReferralRow> rows)
    {
        var stages = rows.Select(r => r.Stage).ToList();
        var counted = stages.Where(s => s != ReferralStage.Struck).ToList();
        return new FunnelCounts(
            invited,
            counted.Count,
            counted.Count(s => s is ReferralStage.Activated or ReferralStage.Retained),
            counted.Count(s => s == ReferralStage.Retained),
            stages.Count - counted.Count);
    }

    private static ReferralRow Read(DbDataReader r)
    {
        var lastPost = Sql.ReadOptionalTime(r, 5);
        var lastVisit = Sql.ReadOptionalTime(r, 6);
        return new ReferralRow(
            r.GetGuid(0), r.GetString(1), Sql.ReadOptionalString(r, 2), Sql.ReadTime(r, 3), Sql.ReadOptionalTime(r, 4),
            lastPost > lastVisit || lastVisit is null ? lastPost : lastVisit, Sql.ReadOptionalTime(r, 7));
    }

    private static int Int(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? 0 : Convert.ToInt32(r.GetValue(ordinal), CultureInfo.InvariantCulture);
}
