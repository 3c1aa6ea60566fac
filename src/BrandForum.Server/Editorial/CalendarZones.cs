using BrandForum.Server.Storage;

namespace BrandForum.Server.Editorial;

/// <summary>
/// The time zone the editorial calendar page shows and reads times in. <see cref="Default"/> is
/// <c>Forum:TimeZone</c> (UTC when unset; an unknown id stops the start-up rather than show wrong times). A CM's own
/// pick is a cookie on their device: a display preference, not a fact of the forum worth an event. The API is not
/// concerned: it speaks UTC, ISO-8601, always.
/// </summary>
public sealed record CalendarZones(TimeZoneInfo Default)
{
    public const string Cookie = "bf-calendar-zone";

    /// <summary>The zones offered (IANA ids on Linux), UTC first: the list a CM picks from, so no id is mistyped.</summary>
    public IReadOnlyList<string> Ids { get; } =
        [TimeZoneInfo.Utc.Id, .. TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id != TimeZoneInfo.Utc.Id).Order(StringComparer.Ordinal)];

    public static CalendarZones From(IConfiguration configuration) =>
        configuration["Forum:TimeZone"] is not { Length: > 0 } id ? new(TimeZoneInfo.Utc)
        : Recurrences.ZoneOf(id) is { } zone ? new(zone)
        : throw new StartupException($"Forum:TimeZone '{id}' is not a known time zone; give an IANA id such as Europe/Paris, or UTC.");

    /// <summary>The zone the request's cookie names, else the default.</summary>
    public TimeZoneInfo Of(HttpRequest request) => Recurrences.ZoneOf(request.Cookies[Cookie]) ?? Default;

    /// <summary>A wall-clock time in <paramref name="zone"/> as an instant; null for a time the zone skips (the spring-forward hour).</summary>
    public static DateTimeOffset? ToInstant(DateTime local, TimeZoneInfo zone)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return zone.IsInvalidTime(local) ? null : new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }

    /// <summary>An instant as the wall-clock time of <paramref name="zone"/>.</summary>
    public static DateTime ToLocal(DateTimeOffset at, TimeZoneInfo zone) => TimeZoneInfo.ConvertTime(at, zone).DateTime;
}
