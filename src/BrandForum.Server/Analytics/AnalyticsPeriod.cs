using System.Globalization;
using BrandForum.Server.Members;

namespace BrandForum.Server.Analytics;

/// <summary>The days a dashboard question covers (UTC, both ends included) and the category it is about, if one.</summary>
public sealed record AnalyticsPeriod(DateOnly From, DateOnly To, string? Category)
{
    public const int MaxDays = 731;

    public const int DefaultDays = 30;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public string FromDay => AnalyticsSchema.Day(From);

    public string ToDay => AnalyticsSchema.Day(To);

    public IEnumerable<DateOnly> EachDay() => Enumerable.Range(0, Days).Select(From.AddDays);

    /// <summary>
    /// Reads <c>from</c>, <c>to</c> (yyyy-MM-dd; by default the last 30 days up to today) and <c>category</c>; a
    /// refusal names the field at fault. Whether the category exists is the caller's question (it needs the database).
    /// </summary>
    public static (AnalyticsPeriod? Period, Refusal? Refusal) Parse(string? from, string? to, string? category, DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (!TryDay(to, today, out var last))
        {
            return (null, new Refusal("invalid-date", "Dates are written yyyy-MM-dd.", "to"));
        }

        if (!TryDay(from, last.AddDays(1 - DefaultDays), out var first))
        {
            return (null, new Refusal("invalid-date", "Dates are written yyyy-MM-dd.", "from"));
        }

        if (first > last)
        {
            return (null, new Refusal("invalid-period", "The period starts after it ends.", "from"));
        }

        if (last.DayNumber - first.DayNumber + 1 > MaxDays)
        {
            return (null, new Refusal("period-too-long", "A period covers at most two years.", "to"));
        }

        return (new AnalyticsPeriod(first, last, string.IsNullOrWhiteSpace(category) ? null : category.Trim()), null);
    }

    private static bool TryDay(string? text, DateOnly fallback, out DateOnly day)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            day = fallback;
            return true;
        }

        return DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
    }
}
