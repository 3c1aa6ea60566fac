using BrandForum.Domain.Analytics;
using BrandForum.Server.Referrals;

namespace BrandForum.Server.Analytics;

/// <summary>Time to first response in hours: by anyone but the author, and counting members' replies only (staff and ambassadors left out).</summary>
public sealed record FirstResponse(double? Mean, double? Median, double? P90, int Answered, DurationSummary WithoutStaff);

public sealed record Engagement(double? RepliesPerTopic, double? ReactionsPerTopic);

public sealed record Contributor(Guid MemberId, string? UserName, long Posts);

public sealed record ModerationLoad(long Held, long Flagged, long Decisions, double? TimeToDecision);

/// <summary>The answer of <c>GET /api/analytics/kpis</c>; how each figure is counted is written in <see cref="KpiFormulas"/>.</summary>
public sealed record Kpis(
    string From,
    string To,
    string? Category,
    long Members,
    long NewMembers,
    double Dau,
    long Wau,
    long Mau,
    double? DauMauRatio,
    long Topics,
    long Posts,
    long Replies,
    long Reactions,
    FirstResponse TimeToFirstResponse,
    double ResponseTargetHours,
    double? ResponseRate,
    double? SolvedRate,
    long UnansweredTopics,
    Engagement Engagement,
    IReadOnlyList<Contributor> TopContributors,
    FunnelCounts ReferralFunnel,
    ModerationLoad Moderation);

/// <summary>One point of a series: the first day of the interval and its value.</summary>
public sealed record SeriesPoint(string Date, double? Value);

public sealed record Series(string Metric, string Interval, string From, string To, string? Category, IReadOnlyList<SeriesPoint> Points);

/// <summary>
/// Each metric's formula in words, as the dashboard, the report and the README show it (English; the pages translate
/// them through the resources). No other forum says how it counts: here every figure says it.
/// </summary>
public static class KpiFormulas
{
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["members"] = "Members = accounts registered up to the end of the period.",
        ["new-members"] = "New members = accounts registered during the period.",
        ["dau"] = "DAU = average, over the days of the period, of members active that day (visited, posted or reacted).",
        ["wau"] = "WAU = members active in the 7 days ending on the last day of the period.",
        ["mau"] = "MAU = members active in the 30 days ending on the last day of the period.",
        ["dau-mau"] = "DAU/MAU = average daily active members ÷ members active in the last 30 days.",
        ["active-members"] = "Active members = members who visited, posted or reacted that day (a week: the average day).",
        ["topics"] = "Topics = topics whose opening post was published during the period.",
        ["posts"] = "Posts = posts published during the period, opening posts included.",
        ["replies"] = "Replies = posts published during the period, opening posts excluded.",
        ["reactions"] = "Reactions = reactions added minus reactions removed during the period.",
        ["first-response"] = "Time to first response = hours from a topic's start to the first reply by someone other than its author, for topics started in the period and answered; mean, median and 90th percentile (nearest rank). Without staff: counting only replies by members who are not staff or ambassadors.",
        ["first-response-hours"] = "First response (hours) = mean time to first response of the topics started that day or week.",
        ["response-rate"] = "Response rate = topics started in the period that got a first response within their category's target ÷ topics started in the period.",
        ["solved-rate"] = "Solved rate = topics started in the period whose solution is marked (and not unmarked) ÷ topics started in the period.",
        ["unanswered"] = "Unanswered topics = topics started in the period with no reply from anyone but their author yet.",
        ["engagement"] = "Engagement = replies and reactions received by the topics started in the period ÷ those topics.",
        ["top-contributors"] = "Top contributors = members with the most posts published in the period.",
        ["referral-funnel"] = "Referral funnel = referral link visits, then referred members registered, activated (posted) and retained; all time.",
        ["moderation"] = "Moderation load = posts held and posts flagged during the period; time to decision = mean hours from a post entering review to the decision, for decisions taken in the period.",
        ["held"] = "Held = posts held for review that day.",
        ["flagged"] = "Flagged = posts flagged that day (by members or rules).",
    };
}
