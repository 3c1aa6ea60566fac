namespace BrandForum.Domain.Analytics;

/// <summary>The summary of a set of durations (hours) that the dashboard shows: mean, median and 90th percentile.</summary>
public sealed record DurationSummary(int Count, double? Mean, double? Median, double? P90);

/// <summary>
/// How durations are summarised, written once so the API, the dashboard and the report agree: the median of an even
/// count is the mean of the two middle values; p90 is the nearest rank (the smallest value that at least 90% of the
/// values do not exceed), so it is always a duration that really happened.
/// </summary>
public static class Durations
{
    public static DurationSummary Summarise(IReadOnlyCollection<double> hours)
    {
        if (hours.Count == 0)
        {
            return new DurationSummary(0, null, null, null);
        }

        var sorted = hours.Order().ToArray();
        var n = sorted.Length;
        var median = n % 2 == 1 ? sorted[n / 2] : (sorted[(n / 2) - 1] + sorted[n / 2]) / 2;
        var p90 = sorted[(int)Math.Ceiling(0.9 * n) - 1];
        return new DurationSummary(n, Round(sorted.Average()), Round(median), Round(p90));
    }

    /// <summary>A ratio, or null when there is nothing to divide by (a rate of an empty period is unknown, not zero).</summary>
    public static double? Ratio(double part, double whole) => whole == 0 ? null : Math.Round(part / whole, 4);

    public static double Round(double value) => Math.Round(value, 2);
}
