using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Content;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// Inline: a topic's row and its posts with their rendered HTML, so the page an author lands on after posting
/// already shows the post. The HTML is rendered here from the Markdown in the event, which is why a renderer or
/// sanitizer fix reaches old posts by rebuilding this projection.
/// </summary>
public sealed class TopicPageProjection(MarkdownRenderer renderer) : IProjection
{
    public string Name => "topic-pages";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(TopicsSetup.EventNames.Values, StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var engine = context.Engine;
            var topic = Sql.Id(engine, TopicsSetup.TopicIdOf(e.StreamId));
            await (e.Data switch
            {
                TopicStarted s => context.WriteAsync(
                    "INSERT INTO topics (topic_id, category, title, author_id, created_at, last_post_at, post_count, pinned, locked, held) " +
                    "VALUES (@t, @c, @title, @a, @at, @at, 0, @no, @no, @held)",
                    ct,
                    ("t", topic), ("c", s.Category), ("title", s.Title), ("a", Sql.Id(engine, s.AuthorId)), ("at", Sql.Time(engine, s.At)), ("no", false), ("held", s.Held)),
                PostPublished p => PublishAsync(context, topic, p, ct),
                PostEdited p => EditAsync(context, topic, p, ct),
                PostDeleted p => context.WriteAsync("UPDATE posts SET deleted = @yes WHERE post_id = @p", ct, ("yes", true), ("p", Sql.Id(engine, p.PostId))),
                PostRestored p => context.WriteAsync("UPDATE posts SET deleted = @no WHERE post_id = @p", ct, ("no", false), ("p", Sql.Id(engine, p.PostId))),
                TopicLocked or TopicUnlocked => context.WriteAsync("UPDATE topics SET locked = @v WHERE topic_id = @t", ct, ("v", e.Data is TopicLocked), ("t", topic)),
                TopicPinned or TopicUnpinned => context.WriteAsync("UPDATE topics SET pinned = @v WHERE topic_id = @t", ct, ("v", e.Data is TopicPinned), ("t", topic)),
                TopicMoved m => context.WriteAsync("UPDATE topics SET category = @c WHERE topic_id = @t", ct, ("c", m.To), ("t", topic)),
                ReactionAdded r => context.WriteAsync(
                    "INSERT INTO post_reactions (post_id, member_id, kind) VALUES (@p, @m, @k) ON CONFLICT DO NOTHING",
                    ct,
                    ("p", Sql.Id(engine, r.PostId)), ("m", Sql.Id(engine, r.MemberId)), ("k", r.Kind)),
                ReactionRemoved r => context.WriteAsync(
                    "DELETE FROM post_reactions WHERE post_id = @p AND member_id = @m AND kind = @k",
                    ct,
                    ("p", Sql.Id(engine, r.PostId)), ("m", Sql.Id(engine, r.MemberId)), ("k", r.Kind)),
                PostHeld h => HoldAsync(context, topic, h, ct),
                PostApproved a => context.WriteAsync("DELETE FROM held_posts WHERE post_id = @p", ct, ("p", Sql.Id(engine, a.PostId))),
                PostRejected r => RejectAsync(context, topic, r, ct),
                PostHidden h => context.WriteAsync(
                    "UPDATE posts SET hidden = @yes, hidden_reason = @r WHERE post_id = @p", ct, ("yes", true), ("r", h.Reason), ("p", Sql.Id(engine, h.PostId))),
                PostUnhidden u => context.WriteAsync(
                    "UPDATE posts SET hidden = @no, hidden_reason = NULL WHERE post_id = @p", ct, ("no", false), ("p", Sql.Id(engine, u.PostId))),
                TopicSlowModeSet m => context.WriteAsync("UPDATE topics SET slow_mode_seconds = @s WHERE topic_id = @t", ct, ("s", m.Seconds), ("t", topic)),
                _ => Task.CompletedTask,
            });
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM held_posts", ct);
        await context.ExecuteAsync("DELETE FROM post_mentions", ct);
        await context.ExecuteAsync("DELETE FROM post_revisions", ct);
        await context.ExecuteAsync("DELETE FROM post_reactions", ct);
        await context.ExecuteAsync("DELETE FROM posts", ct);
        await context.ExecuteAsync("DELETE FROM topics", ct);
    }

    private async Task PublishAsync(ProjectionContext context, object topic, PostPublished p, CancellationToken ct)
    {
        var engine = context.Engine;
        var (html, mentioned) = renderer.RenderPost(p.Body);
        await context.WriteAsync(
            "INSERT INTO posts (post_id, topic_id, number, author_id, reply_to, markdown, html, created_at, deleted) " +
            "VALUES (@p, @t, @n, @a, @r, @md, @html, @at, @no)",
            ct,
            ("p", Sql.Id(engine, p.PostId)), ("t", topic), ("n", p.Number), ("a", Sql.Id(engine, p.AuthorId)),
            ("r", p.ReplyTo is { } replyTo ? Sql.Id(engine, replyTo) : null), ("md", p.Body), ("html", html),
            ("at", Sql.Time(engine, p.At)), ("no", false));
        await RecordMentionsAsync(context, topic, p.PostId, p.AuthorId, mentioned, p.At, ct);
        await context.WriteAsync(
            "UPDATE topics SET post_count = post_count + 1, last_post_at = @at, held = @no WHERE topic_id = @t", ct, ("at", Sql.Time(engine, p.At)), ("no", false), ("t", topic));
        await AddRevisionAsync(context, p.PostId, p.Body, p.AuthorId, null, p.At, ct);
    }

    private async Task EditAsync(ProjectionContext context, object topic, PostEdited p, CancellationToken ct)
    {
        var engine = context.Engine;
        var (html, mentioned) = renderer.RenderPost(p.Body);
        await context.WriteAsync(
            "UPDATE posts SET markdown = @md, html = @html, edited_at = @at WHERE post_id = @p",
            ct,
            ("md", p.Body), ("html", html), ("at", Sql.Time(engine, p.At)), ("p", Sql.Id(engine, p.PostId)));
        await context.WriteAsync( // the post may be one waiting for review, which its author can still improve
            "UPDATE held_posts SET markdown = @md, html = @html WHERE post_id = @p", ct, ("md", p.Body), ("html", html), ("p", Sql.Id(engine, p.PostId)));
        await RecordMentionsAsync(context, topic, p.PostId, p.EditorId, mentioned, p.At, ct);
        await AddRevisionAsync(context, p.PostId, p.Body, p.EditorId, p.Reason, p.At, ct);
    }

    /// <summary>A held post waits apart, unnumbered, with the rule's message for its author; it is rendered now so they see it as it will look.</summary>
    private async Task HoldAsync(ProjectionContext context, object topic, PostHeld h, CancellationToken ct)
    {
        var engine = context.Engine;
        await context.WriteAsync(
            "INSERT INTO held_posts (post_id, topic_id, author_id, reply_to, markdown, html, created_at, message) VALUES (@p, @t, @a, @r, @md, @html, @at, @m)",
            ct,
            ("p", Sql.Id(engine, h.PostId)), ("t", topic), ("a", Sql.Id(engine, h.AuthorId)), ("r", h.ReplyTo is { } replyTo ? Sql.Id(engine, replyTo) : null),
            ("md", h.Body), ("html", renderer.Render(h.Body)), ("at", Sql.Time(engine, h.At)), ("m", h.Rules.Message));
    }

    /// <summary>A rejected post is gone; a topic whose opening post is rejected never existed for anyone.</summary>
    private static async Task RejectAsync(ProjectionContext context, object topic, PostRejected r, CancellationToken ct)
    {
        await context.WriteAsync("DELETE FROM held_posts WHERE post_id = @p", ct, ("p", Sql.Id(context.Engine, r.PostId)));
        await context.WriteAsync("DELETE FROM topics WHERE topic_id = @t AND held = @yes AND post_count = 0", ct, ("t", topic), ("yes", true));
    }

    /// <summary>A mention counts once per post: the first time its name appears, whether in the post or a later edit.</summary>
    private static async Task RecordMentionsAsync(
        ProjectionContext context, object topic, Guid postId, Guid by, IReadOnlyList<string> mentioned, DateTimeOffset at, CancellationToken ct)
    {
        foreach (var userName in mentioned)
        {
            await context.WriteAsync(
                "INSERT INTO post_mentions (post_id, user_name, topic_id, author_id, at) VALUES (@p, @u, @t, @a, @at) ON CONFLICT DO NOTHING",
                ct,
                ("p", Sql.Id(context.Engine, postId)), ("u", userName.ToLowerInvariant()), ("t", topic), ("a", Sql.Id(context.Engine, by)), ("at", Sql.Time(context.Engine, at)));
        }
    }

    /// <summary>Every version of a post is kept, with who wrote it, when and why.</summary>
    private static Task AddRevisionAsync(ProjectionContext context, Guid postId, string body, Guid editor, string? reason, DateTimeOffset at, CancellationToken ct) =>
        context.WriteAsync(
            "INSERT INTO post_revisions (post_id, revision, markdown, editor_id, reason, at) " +
            "SELECT @p, coalesce(max(revision), 0) + 1, @md, @e, @r, @at FROM post_revisions WHERE post_id = @p",
            ct,
            ("p", Sql.Id(context.Engine, postId)), ("md", body), ("e", Sql.Id(context.Engine, editor)), ("r", reason), ("at", Sql.Time(context.Engine, at)));
}
