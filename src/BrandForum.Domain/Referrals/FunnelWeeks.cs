namespace BrandForum.Domain.Referrals;

/// <summary>One week of a funnel: what happened in it (visits of links, registrations, activations, retentions).</summary>
public sealed record FunnelWeek(DateOnly Start, int Visited, int Registered, int Activated, int Retained);

/// <summary>A referral as the weekly funnel needs it: when it registered, was activated, and whether it is retained (not struck).</summary>
public sealed record ReferralDates(DateTimeOffset RegisteredAt, DateTimeOffset? ActivatedAt, bool Retained);

/// <summary>
/// The funnel over time, in weeks starting on Monday (UTC): each stage counted in the week it was reached — a visit
/// on its day, a registration and an activation at their time, a retention when it became one (30 days after joining,
/// <see cref="ReferralFunnel.RetentionAfter"/>). The last week is the current one.
/// </summary>
public static class FunnelWeeks
{
    public static IReadOnlyList<FunnelWeek> Of(IEnumerable<(DateOnly Day, int Visits)> visits, IEnumerable<ReferralDates> referrals, DateTimeOffset now, int weeks)
    {
        var last = Monday(DateOnly.FromDateTime(now.UtcDateTime));
        var first = last.AddDays(-7 * (weeks - 1));
        var counts = new int[weeks, 4];
        void Add(DateOnly day, int stage, int n)
        {
            var week = (Monday(day).DayNumber - first.DayNumber) / 7;
            if (day >= first && week < weeks)
            {
                counts[week, stage] += n;
            }
        }

        foreach (var (day, n) in visits)
        {
            Add(day, 0, n);
        }

        foreach (var r in referrals)
        {
            Add(Day(r.RegisteredAt), 1, 1);
            if (r.ActivatedAt is { } activated)
            {
                Add(Day(activated), 2, 1);
            }

            if (r.Retained)
            {
                Add(Day(r.RegisteredAt + ReferralFunnel.RetentionAfter), 3, 1);
            }
        }

        return [.. Enumerable.Range(0, weeks).Select(w => new FunnelWeek(first.AddDays(7 * w), counts[w, 0], counts[w, 1], counts[w, 2], counts[w, 3]))];
    }

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
