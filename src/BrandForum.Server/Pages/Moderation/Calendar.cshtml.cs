using System.Globalization;
using BrandForum.Server.Categories;
using BrandForum.Server.Editorial;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>
/// One card on the calendar: an item at its next time (<c>next</c>), a later occurrence of a recurring one
/// (<c>upcoming</c>, not movable on its own) or an occurrence already published (<c>published</c>, with its topic).
/// </summary>
public sealed record CalendarEntry(EditorialItemView Item, DateTimeOffset At, string Kind, Guid? TopicId);

/// <summary>The new-item form; times are in the calendar's zone, the recurrence fields are read only when a frequency is chosen.</summary>
public sealed record NewItemForm(
    string? Category, string? Title, string? Body, string? PublishAt, string? Frequency, string? Day, int? DayOfMonth, string? Time, string? TimeZone, string? Author);

/// <summary>
/// The editorial calendar for CMs: a month or a week of items as cards coloured by state, with forms to create,
/// move, approve and reschedule. Dragging a card onto another day (wwwroot/js/calendar.js) fills and sends the
/// card's own reschedule form, so the page works the same without JavaScript. Days, times and the forms are in the
/// CM's zone (<see cref="CalendarZones"/>): days run midnight to midnight there, and a card sits on its local day.
/// </summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class CalendarModel(
    EditorialReads reads, EditorialCommands commands, CategoryReads categories, CalendarZones zones, TimeProvider time, IStringLocalizer<Texts> t) : PageModel
{
    public const string Address = "/moderation/calendar";

    public const string InputTime = "yyyy-MM-dd'T'HH:mm";

    public string View { get; private set; } = "month";

    public DateOnly Anchor { get; private set; }

    public IReadOnlyList<DateOnly> Days { get; private set; } = [];

    public ILookup<DateOnly, CalendarEntry> Entries { get; private set; } = Array.Empty<CalendarEntry>().ToLookup(e => DateOnly.MinValue);

    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    public Guid? Me { get; private set; }

    public DateOnly Today { get; private set; }

    private TimeZoneInfo? _zone;

    /// <summary>The zone of this CM's device (its cookie), else <c>Forum:TimeZone</c>.</summary>
    public TimeZoneInfo Zone => _zone ??= zones.Of(Request);

    public IReadOnlyList<string> ZoneIds => zones.Ids;

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(string? view, string? date, CancellationToken ct)
    {
        View = view == "week" ? "week" : "month";
        Today = DateOnly.FromDateTime(Local(time.GetUtcNow()));
        Anchor = DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : Today;
        var first = View == "week" ? Monday(Anchor) : Monday(new DateOnly(Anchor.Year, Anchor.Month, 1));
        var count = View == "week" ? 7 : 42;
        Days = [.. Enumerable.Range(0, count).Select(first.AddDays)];
        var (from, to) = (Start(Days[0]), Start(Days[^1].AddDays(1)));
        var items = await reads.BetweenAsync(from, to, ct);
        Entries = items.SelectMany(item => EntriesOf(item, from, to)).OrderBy(e => e.At).ToLookup(e => DateOnly.FromDateTime(Local(e.At)));
        Categories = await categories.AllAsync(Viewer.Of(User), ct);
        Me = MemberPrincipal.MemberId(User);
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync(NewItemForm form, string? view, string? date, CancellationToken ct)
    {
        RecurrenceRequest? recurrence = null;
        if (form.Frequency is "daily" or "weekly" or "monthly")
        {
            var rule = new RecurrenceRule(form.Day, form.DayOfMonth, form.Time, string.IsNullOrWhiteSpace(form.TimeZone) ? Zone.Id : form.TimeZone.Trim());
            recurrence = form.Frequency switch { "daily" => new(Daily: rule), "weekly" => new(Weekly: rule), _ => new(Monthly: rule) };
        }

        var request = new EditorialItemRequest(form.Category, form.Title, form.Body, ParseTime(form.PublishAt), recurrence, Author: form.Author is "brand" ? "brand" : "owner");
        var (_, refused) = await commands.CreateAsync(MemberPrincipal.MemberId(User)!.Value, request, ct);
        Message = refused is null ? t["Item added to the calendar."] : t.Refusal(refused);
        return Back(view, date);
    }

    public async Task<IActionResult> OnPostMoveAsync(Guid itemId, string? state, string? view, string? date, CancellationToken ct) =>
        await UpdateAsync(itemId, new EditorialItemRequest(State: state ?? ""), t["Item moved."], view, date, ct);

    public async Task<IActionResult> OnPostRescheduleAsync(Guid itemId, string? publishAt, string? view, string? date, CancellationToken ct) =>
        ParseTime(publishAt) is { } at
            ? await UpdateAsync(itemId, new EditorialItemRequest(PublishAt: at), t["Item rescheduled."], view, date, ct)
            : BackWith(t["Give a date and time."], view, date);

    /// <summary>Remembers the CM's zone on this device (a year); an unknown id changes nothing and says so.</summary>
    public IActionResult OnPostZone(string? zone, string? view, string? date)
    {
        if (Recurrences.ZoneOf(zone?.Trim()) is not { } picked)
        {
            return BackWith(t["Unknown time zone."], view, date);
        }

        Response.Cookies.Append(CalendarZones.Cookie, picked.Id, new CookieOptions
        {
            Path = Address,
            Expires = time.GetUtcNow().AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
        });
        return BackWith(t["Times are now shown in {0}.", picked.Id], view, date);
    }

    /// <summary>An instant as the wall-clock time of the calendar's zone.</summary>
    public DateTime Local(DateTimeOffset at) => CalendarZones.ToLocal(at, Zone);

    /// <summary>The cards of an item within the range: its next time, its later occurrences, its published ones.</summary>
    public static IEnumerable<CalendarEntry> EntriesOf(EditorialItemView item, DateTimeOffset from, DateTimeOffset to)
    {
        if (item.State != "published" && item.PublishAt >= from && item.PublishAt < to)
        {
            yield return new CalendarEntry(item, item.PublishAt, "next", null);
        }

        foreach (var at in item.Upcoming)
        {
            yield return new CalendarEntry(item, at, "upcoming", null);
        }

        foreach (var published in item.Publications)
        {
            yield return new CalendarEntry(item, published.ScheduledFor, "published", published.TopicId);
        }
    }

    public string LinkTo(string view, DateOnly date) => $"{Address}?view={view}&date={date:yyyy-MM-dd}";

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>The local midnight a day starts at (an hour later where a zone skips midnight for summer time).</summary>
    private DateTimeOffset Start(DateOnly day) =>
        CalendarZones.ToInstant(day.ToDateTime(TimeOnly.MinValue), Zone) ?? CalendarZones.ToInstant(day.ToDateTime(new TimeOnly(1, 0)), Zone)!.Value;

    /// <summary>A form's local time in the calendar's zone; null when unreadable or skipped by the zone (the spring-forward hour).</summary>
    private DateTimeOffset? ParseTime(string? value) =>
        DateTime.TryParseExact(value, InputTime, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) ? CalendarZones.ToInstant(local, Zone) : null;

    private async Task<IActionResult> UpdateAsync(Guid itemId, EditorialItemRequest request, string done, string? view, string? date, CancellationToken ct)
    {
        var (_, refused) = await commands.UpdateAsync(itemId, MemberPrincipal.MemberId(User)!.Value, request, ct);
        return BackWith(refused is null ? done : t.Refusal(refused), view, date);
    }

    private RedirectResult BackWith(string message, string? view, string? date)
    {
        Message = message;
        return Back(view, date);
    }

    private RedirectResult Back(string? view, string? date) =>
        Redirect($"{Address}?view={(view == "week" ? "week" : "month")}" + (DateOnly.TryParseExact(date, "yyyy-MM-dd", out var d) ? $"&date={d:yyyy-MM-dd}" : ""));
}
