namespace BrandForum.Domain.Listening;

/// <summary>
/// When a term's mentions in the current hour are a spike: at least <c>factor</c> times its hourly average over the 24
/// hours before (hours without a mention count as 0), and at least <c>minimum</c> mentions, so that a quiet term's
/// first few mentions are not alarms.
/// </summary>
public static class Spikes
{
    public const int TrailingHours = 24;

    /// <param name="counts">Mentions per hour (keyed by the hour's start) of one term; other hours had none.</param>
    public static (bool IsSpike, int Count, double TrailingAverage) Check(
        IReadOnlyDictionary<DateTimeOffset, int> counts, DateTimeOffset currentHour, double factor, int minimum)
    {
        var count = counts.GetValueOrDefault(currentHour);
        var trailing = Enumerable.Range(1, TrailingHours).Sum(h => counts.GetValueOrDefault(currentHour.AddHours(-h)));
        var average = Math.Round((double)trailing / TrailingHours, 2);
        return (count >= minimum && count >= factor * average, count, average);
    }
}
