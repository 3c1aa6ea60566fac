using BrandForum.Domain.Animation;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Content;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Animation;

/// <summary>Inline: the one current announcement (slot 1), its Markdown rendered through the posts' sanitizer.</summary>
public sealed class AnnouncementProjection(MarkdownRenderer renderer) : IProjection
{
    public string Name => "announcements";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(AnimationSetup.AnnouncementEventNames.Values, StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        foreach (var e in events)
        {
            await (e.Data switch
            {
                AnnouncementPublished p => context.WriteAsync(
                    "INSERT INTO announcements (slot, announcement_id, markdown, html, until, categories) VALUES (1, @id, @md, @html, @until, @c) " +
                    "ON CONFLICT (slot) DO UPDATE SET announcement_id = excluded.announcement_id, markdown = excluded.markdown, html = excluded.html, " +
                    "until = excluded.until, categories = excluded.categories",
                    ct,
                    ("id", Sql.Id(engine, p.AnnouncementId)), ("md", p.Text), ("html", renderer.Render(p.Text)),
                    ("until", p.Until is { } until ? Sql.Time(engine, until) : null), ("c", string.Join(',', p.Categories))),
                AnnouncementWithdrawn => context.WriteAsync("DELETE FROM announcements", ct),
                _ => Task.CompletedTask,
            });
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM announcements", ct);
}
