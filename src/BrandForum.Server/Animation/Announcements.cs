using BrandForum.Domain.Animation;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Animation;

/// <summary>The announcement up now: <see cref="Categories"/> empty means every page.</summary>
public sealed record AnnouncementView(Guid AnnouncementId, string Markdown, string Html, DateTimeOffset? Until, IReadOnlyList<string> Categories)
{
    public bool IsUpAt(DateTimeOffset now) => Until is not { } until || now < until;

    public bool ShowsOn(string? category, DateTimeOffset now) =>
        IsUpAt(now) && (Categories.Count == 0 || (category is not null && Categories.Contains(category)));
}

/// <summary>
/// The site's banner: published and withdrawn by staff (events in the <c>announcements</c> stream), read on every
/// page. The current one is kept in memory and dropped when the log tail sees a change (this node's writes drop it
/// at once), so a page costs no query for it; an expired one simply stops showing.
/// </summary>
public sealed class Announcements(SqlEventStore store, IEventStore events, CategoryReads categories, TimeProvider time) : ILogFollower
{
    public const string StreamId = "announcements";

    /// <summary>The cookie that remembers which announcement this visitor dismissed.</summary>
    public const string DismissedCookie = "bf-announcement-dismissed";

    private volatile Task<AnnouncementView?>? _current;

    /// <summary>The current announcement, read once until it changes (a failed read is tried again next time).</summary>
    public Task<AnnouncementView?> CurrentAsync()
    {
        if (_current is { IsFaulted: true } or { IsCanceled: true })
        {
            _current = null;
        }

        return _current ??= ReadAsync();
    }

    /// <summary>The banner for a page of this category (null: a page of no category), unless this visitor dismissed it.</summary>
    public async Task<AnnouncementView?> ForPageAsync(HttpContext http, string? category) =>
        await CurrentAsync() is { } current && current.ShowsOn(category, time.GetUtcNow())
            && http.Request.Cookies[DismissedCookie] != current.AnnouncementId.ToString()
            ? current
            : null;

    public async Task<Refusal?> PublishAsync(string? text, DateTimeOffset? until, IReadOnlyList<string>? only, Guid by, CancellationToken ct)
    {
        foreach (var slug in only ?? [])
        {
            if (await categories.FindAsync(slug, ct) is null)
            {
                return new Refusal("invalid-categories", $"There is no category '{slug}'.", "categories");
            }
        }

        var now = time.GetUtcNow();
        return await DecideAsync(new PublishAnnouncement(Guid.CreateVersion7(now), text ?? "", until, only ?? [], by, now), ct);
    }

    public Task<Refusal?> WithdrawAsync(Guid by, CancellationToken ct) => DecideAsync(new WithdrawAnnouncement(by, time.GetUtcNow()), ct);

    private async Task<Refusal?> DecideAsync(AnnouncementCommand command, CancellationToken ct)
    {
        var decided = await events.DecideAsync(StreamId, Announcement.Decider, command, new EventMetadata(Actor: command.By.ToString()), ct: ct);
        _current = null;
        return decided.Decision.Error is { } error
            ? new Refusal(error.Code, error.Message, error.Code switch { "invalid-text" => "text", "invalid-until" => "until", "invalid-categories" => "categories", _ => null })
            : null;
    }

    private async Task<AnnouncementView?> ReadAsync() => (await store.QueryAsync(
        "SELECT announcement_id, markdown, html, until, categories FROM announcements WHERE slot = 1",
        r => new AnnouncementView(r.GetGuid(0), r.GetString(1), r.GetString(2), Sql.ReadOptionalTime(r, 3), r.GetString(4).Split(',', StringSplitOptions.RemoveEmptyEntries)),
        CancellationToken.None)).SingleOrDefault();

    /// <summary>What the anonymous page cache varies by: which banner shows (if any) and whether this visitor dismissed it.</summary>
    public async Task<string> StampAsync(HttpContext http)
    {
        var current = await CurrentAsync();
        return current is null || !current.IsUpAt(time.GetUtcNow())
            ? ""
            : $"{current.AnnouncementId}:{http.Request.Cookies[DismissedCookie] == current.AnnouncementId.ToString()}";
    }

    void ILogFollower.OnStart() => _current = null;

    Task ILogFollower.OnEventAsync(RecordedEvent e, CancellationToken ct)
    {
        if (e.StreamId == StreamId)
        {
            _current = null;
        }

        return Task.CompletedTask;
    }
}
