using System.Globalization;
using BrandForum.Domain.Editorial;

namespace BrandForum.Server.Editorial;

/// <summary>One rule of a recurrence as the API writes it: <c>{ "day": "tuesday", "time": "10:00", "timeZone": "Europe/Paris" }</c>.</summary>
public sealed record RecurrenceRule(string? Day = null, int? DayOfMonth = null, string? Time = null, string? TimeZone = null);

/// <summary>A recurrence as the API writes it: exactly one of daily, weekly (with day) or monthly (with dayOfMonth 1–28).</summary>
public sealed record RecurrenceRequest(RecurrenceRule? Daily = null, RecurrenceRule? Weekly = null, RecurrenceRule? Monthly = null)
{
    public static RecurrenceRequest? Of(Recurrence? r) => r switch
    {
        null => null,
        { Frequency: "daily" } => new(Daily: new(Time: r.Time, TimeZone: r.TimeZone)),
        { Frequency: "weekly" } => new(Weekly: new(Day: r.Day, Time: r.Time, TimeZone: r.TimeZone)),
        _ => new(Monthly: new(DayOfMonth: r.DayOfMonth, Time: r.Time, TimeZone: r.TimeZone)),
    };
}

/// <summary>
/// Reads recurrences and works out their instants. Local times follow the rule's time zone (daylight saving
/// included: "10:00 Europe/Paris" is 09:00 UTC in winter, 08:00 in summer); a local time that does not exist
/// (the spring-forward hour) moves an hour later. Months stop at day 28 so that every month has the day.
/// </summary>
public static class Recurrences
{
    public static (Recurrence? Recurrence, string? Error) Parse(RecurrenceRequest? request)
    {
        if (request is null)
        {
            return (null, null);
        }

        var rules = new[] { ("daily", request.Daily), ("weekly", request.Weekly), ("monthly", request.Monthly) }.Where(r => r.Item2 is not null).ToList();
        if (rules.Count != 1)
        {
            return (null, "A recurrence is exactly one of daily, weekly or monthly.");
        }

        var (frequency, rule) = (rules[0].Item1, rules[0].Item2!);
        if (!TimeOnly.TryParseExact(rule.Time ?? "", "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return (null, "A recurrence has a local time as HH:mm, e.g. 10:00.");
        }

        if (ZoneOf(rule.TimeZone) is null)
        {
            return (null, "A recurrence has a time zone such as Europe/Paris or UTC.");
        }

        if (frequency == "weekly" && !Enum.TryParse<DayOfWeek>(rule.Day, ignoreCase: true, out _))
        {
            return (null, "A weekly recurrence has a day: monday … sunday.");
        }

        if (frequency == "monthly" && rule.DayOfMonth is not (>= 1 and <= 28))
        {
            return (null, "A monthly recurrence has a dayOfMonth from 1 to 28.");
        }

        return (new Recurrence(
            frequency,
            time.ToString("HH:mm", CultureInfo.InvariantCulture),
            rule.TimeZone!,
            frequency == "weekly" ? rule.Day!.ToLowerInvariant() : null,
            frequency == "monthly" ? rule.DayOfMonth : null), null);
    }

    /// <summary>The first instant of the recurrence strictly after <paramref name="after"/>.</summary>
    public static DateTimeOffset Next(Recurrence recurrence, DateTimeOffset after)
    {
        var zone = ZoneOf(recurrence.TimeZone) ?? TimeZoneInfo.Utc;
        var time = TimeOnly.ParseExact(recurrence.Time, "HH:mm", CultureInfo.InvariantCulture);
        var day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(after, zone).DateTime).AddDays(-1);
        for (var i = 0; i < 40; i++, day = day.AddDays(1))
        {
            if (!Matches(recurrence, day))
            {
                continue;
            }

            var local = day.ToDateTime(time, DateTimeKind.Unspecified);
            if (zone.IsInvalidTime(local))
            {
                local = local.AddHours(1);
            }

            var at = new DateTimeOffset(local, zone.GetUtcOffset(local));
            if (at > after)
            {
                return at.ToUniversalTime();
            }
        }

        throw new InvalidOperationException($"No occurrence of {recurrence} within 40 days of {after:O}.");
    }

    /// <summary>The instants of the recurrence from <paramref name="first"/> (included) to before <paramref name="to"/>, at most <paramref name="limit"/>.</summary>
    public static IEnumerable<DateTimeOffset> Between(Recurrence recurrence, DateTimeOffset first, DateTimeOffset to, int limit = 62)
    {
        for (var (at, n) = (first, 0); at < to && n < limit; at = Next(recurrence, at), n++)
        {
            yield return at;
        }
    }

    private static bool Matches(Recurrence recurrence, DateOnly day) => recurrence.Frequency switch
    {
        "daily" => true,
        "weekly" => string.Equals(day.DayOfWeek.ToString(), recurrence.Day, StringComparison.OrdinalIgnoreCase),
        "monthly" => day.Day == recurrence.DayOfMonth,
        _ => throw new ArgumentOutOfRangeException(nameof(recurrence), recurrence.Frequency, "Unknown frequency."),
    };

    /// <summary>The zone of an IANA (or Windows) id; null when empty or unknown.</summary>
    public static TimeZoneInfo? ZoneOf(string? id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            return null;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }
}
