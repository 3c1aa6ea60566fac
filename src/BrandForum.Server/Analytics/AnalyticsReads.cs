using System.Globalization;
using BrandForum.Domain.Analytics;
using BrandForum.EventStore;
using BrandForum.Server.Referrals;
using BrandForum.Server.Storage;
using Microsoft.Extensions.Options;

namespace BrandForum.Server.Analytics;

/// <summary>Reads of the analytics projection's facts: the KPIs of a period, one metric as a series.</summary>
public sealed class AnalyticsReads(SqlEventStore store, ReferralReads referrals, IOptions<AnalyticsOptions> options)
{
    public const int TopContributors = 10;

    /// <summary>The metrics a series can show (<c>GET /api/analytics/{metric}</c>).</summary>
    public static IReadOnlyList<string> SeriesMetrics { get; } =
        ["new-members", "active-members", "topics", "posts", "replies", "reactions", "held", "flagged", "first-response-hours"];

    public static IReadOnlyList<string> Intervals { get; } = ["day", "week"];

    private AnalyticsOptions Options => options.Value;

    public async Task<bool> CategoryExistsAsync(string slug, CancellationToken ct) =>
        (await store.QueryAsync("SELECT 1 FROM categories WHERE slug = @s", r => 1, ct, ("s", slug))).Count > 0;

    public async Task<IReadOnlyList<string>> CategoriesAsync(CancellationToken ct) =>
        await store.QueryAsync("SELECT slug FROM categories ORDER BY slug", r => r.GetString(0), ct);

    public async Task<Kpis> KpisAsync(AnalyticsPeriod period, CancellationToken ct)
    {
        var (from, to) = (period.FromDay, period.ToDay);
        var members = await CountAsync("SELECT COUNT(*) FROM analytics_members WHERE day <= @to", ct, ("to", to));
        var newMembers = await CountAsync("SELECT COUNT(*) FROM analytics_members WHERE day >= @from AND day <= @to", ct, ("from", from), ("to", to));
        var activeDays = await CountAsync("SELECT COUNT(*) FROM (SELECT DISTINCT day, member_id FROM analytics_member_days WHERE day >= @from AND day <= @to) a", ct, ("from", from), ("to", to));
        var wau = await ActiveAsync(period.To, 7, ct);
        var mau = await ActiveAsync(period.To, 30, ct);
        var dau = Durations.Round((double)activeDays / period.Days);

        var totals = await DailyTotalsAsync(period, ct);
        long Total(string metric) => (long)Math.Round(totals.GetValueOrDefault(metric));
        var topics = await TopicsStartedAsync(period, ct);
        var answered = topics.Where(t => t.FirstResponse is not null).ToList();
        var all = Durations.Summarise([.. answered.Select(t => t.FirstResponse!.Value)]);
        var withoutStaff = Durations.Summarise([.. topics.Where(t => t.FirstMember is not null).Select(t => t.FirstMember!.Value)]);
        var withinTarget = answered.Count(t => t.FirstResponse <= Options.TargetFor(t.Category));
        var decisions = Total(AnalyticsMetrics.Decisions);

        return new Kpis(
            from, to, period.Category,
            members, newMembers, dau, wau, mau, Durations.Ratio(dau, mau),
            Total(AnalyticsMetrics.Topics), Total(AnalyticsMetrics.Posts), Total(AnalyticsMetrics.Replies), Total(AnalyticsMetrics.Reactions),
            new FirstResponse(all.Mean, all.Median, all.P90, all.Count, withoutStaff),
            period.Category is { } c ? Options.TargetFor(c) : Options.ResponseTargetHours,
            Durations.Ratio(withinTarget, topics.Count),
            Durations.Ratio(topics.Count(t => t.Solved), topics.Count),
            topics.Count - answered.Count,
            new Engagement(Durations.Ratio(topics.Sum(t => t.Replies), topics.Count), Durations.Ratio(topics.Sum(t => t.Reactions), topics.Count)),
            await TopContributorsAsync(period, ct),
            (await referrals.CommunityAsync(ct)).Total,
            new ModerationLoad(
                Total(AnalyticsMetrics.Held), Total(AnalyticsMetrics.Flagged), decisions,
                decisions == 0 ? null : Durations.Round(totals.GetValueOrDefault(AnalyticsMetrics.DecisionHours) / decisions)));
    }

    /// <summary>One metric per day or per week (weeks start on Monday; a week's active members is its average day).</summary>
    public async Task<Series> SeriesAsync(string metric, string interval, AnalyticsPeriod period, CancellationToken ct)
    {
        var perDay = await PerDayAsync(metric, period, ct);
        // A day without a row had none of it (0), except for response times, where it had no answered topic (unknown).
        var unknownWhenMissing = metric == "first-response-hours";
        var days = period.EachDay()
            .Select(d => (Day: d, Value: perDay.TryGetValue(AnalyticsSchema.Day(d), out var v) ? v : unknownWhenMissing ? (double?)null : 0))
            .ToList();
        var averaged = metric is "active-members" or "first-response-hours";
        var points = interval == "week"
            ? days.GroupBy(d => d.Day.AddDays(-(((int)d.Day.DayOfWeek + 6) % 7)))
                .Select(w => new SeriesPoint(AnalyticsSchema.Day(w.Key), averaged ? Average(w.Select(d => d.Value)) : w.Sum(d => d.Value ?? 0)))
                .ToList()
            : days.Select(d => new SeriesPoint(AnalyticsSchema.Day(d.Day), d.Value)).ToList();
        return new Series(metric, interval, period.FromDay, period.ToDay, period.Category, points);

        static double? Average(IEnumerable<double?> values) =>
            values.Where(v => v is not null).Select(v => v!.Value).ToList() is { Count: > 0 } known ? Durations.Round(known.Average()) : null;
    }

    private async Task<Dictionary<string, double>> PerDayAsync(string metric, AnalyticsPeriod period, CancellationToken ct)
    {
        var sql = metric switch
        {
            "new-members" => "SELECT day, COUNT(*) FROM analytics_members WHERE day >= @from AND day <= @to GROUP BY day",
            "active-members" => "SELECT day, COUNT(DISTINCT member_id) FROM analytics_member_days WHERE day >= @from AND day <= @to GROUP BY day",
            "first-response-hours" =>
                "SELECT day, AVG(first_response_hours) FROM analytics_topics WHERE day >= @from AND day <= @to AND first_response_hours IS NOT NULL" +
                (period.Category is null ? "" : " AND category = @c") + " GROUP BY day",
            _ => "SELECT day, SUM(value) FROM analytics_days WHERE metric = @m AND day >= @from AND day <= @to" +
                (period.Category is null ? "" : " AND category = @c") + " GROUP BY day",
        };
        var rows = await store.QueryAsync(
            sql, r => (Day: r.GetString(0), Value: Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture)), ct,
            ("from", period.FromDay), ("to", period.ToDay), ("m", metric), ("c", period.Category ?? ""));
        return rows.ToDictionary(r => r.Day, r => Durations.Round(r.Value), StringComparer.Ordinal);
    }

    private async Task<Dictionary<string, double>> DailyTotalsAsync(AnalyticsPeriod period, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT metric, SUM(value) FROM analytics_days WHERE day >= @from AND day <= @to" + (period.Category is null ? "" : " AND category = @c") + " GROUP BY metric",
            r => (Metric: r.GetString(0), Value: Convert.ToDouble(r.GetValue(1), CultureInfo.InvariantCulture)), ct,
            ("from", period.FromDay), ("to", period.ToDay), ("c", period.Category ?? ""))).ToDictionary(r => r.Metric, r => r.Value, StringComparer.Ordinal);

    private sealed record StartedTopic(string Category, double? FirstResponse, double? FirstMember, int Replies, int Reactions, bool Solved);

    /// <summary>The per-topic facts of the topics started in the period: percentiles need the durations themselves.</summary>
    private async Task<List<StartedTopic>> TopicsStartedAsync(AnalyticsPeriod period, CancellationToken ct) => await store.QueryAsync(
        "SELECT category, first_response_hours, first_member_hours, replies, reactions, solved FROM analytics_topics WHERE day >= @from AND day <= @to AND opened = @yes" +
        (period.Category is null ? "" : " AND category = @c"),
        r => new StartedTopic(r.GetString(0), AnalyticsProjection.ReadHours(r.GetValue(1)), AnalyticsProjection.ReadHours(r.GetValue(2)), r.GetInt32(3), r.GetInt32(4), AnalyticsProjection.ReadFlag(r.GetValue(5))),
        ct,
        ("from", period.FromDay), ("to", period.ToDay), ("c", period.Category ?? ""), ("yes", store.Engine == StorageEngine.Postgres ? true : 1));

    private async Task<IReadOnlyList<Contributor>> TopContributorsAsync(AnalyticsPeriod period, CancellationToken ct) => await store.QueryAsync(
        "SELECT p.member_id, c.user_name, SUM(p.posts) AS posts FROM analytics_member_days p LEFT JOIN member_cards c ON c.member_id = p.member_id " +
        "WHERE p.day >= @from AND p.day <= @to AND p.posts > 0" + (period.Category is null ? "" : " AND p.category = @c") +
        $" GROUP BY p.member_id, c.user_name ORDER BY posts DESC, c.user_name LIMIT {TopContributors}",
        r => new Contributor(AnalyticsProjection.ReadId(r.GetValue(0)), Sql.ReadOptionalString(r, 1), Convert.ToInt64(r.GetValue(2), CultureInfo.InvariantCulture)),
        ct,
        ("from", period.FromDay), ("to", period.ToDay), ("c", period.Category ?? ""));

    private async Task<long> ActiveAsync(DateOnly last, int days, CancellationToken ct) => await CountAsync(
        "SELECT COUNT(DISTINCT member_id) FROM analytics_member_days WHERE day >= @from AND day <= @to", ct,
        ("from", AnalyticsSchema.Day(last.AddDays(1 - days))), ("to", AnalyticsSchema.Day(last)));

    private async Task<long> CountAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters) =>
        (await store.QueryAsync(sql, r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ct, parameters))[0];
}
