using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

/// <summary>
/// Inline: the moderators' queue — one item per post under review (held, flagged, or hidden pending review) — and
/// every reason it is there (the rules that held or flagged it, members' flags with their weight). A decision
/// closes the item and records whether the members' flags were right, which weighs each flagger's next flags.
/// Inline, so a flag or a hold is in the queue the moment it is accepted. Inline projections run before the log
/// position is taken, so reasons are ordered (and rounds told apart) by the topic stream's version.
/// </summary>
public sealed class ReviewQueueProjection : IProjection
{
    public static readonly Migration Tables = new(
        "moderation/004-review-queue",
        """
        CREATE TABLE review_items (
          post_id uuid PRIMARY KEY, topic_id uuid NOT NULL, opened_version bigint NOT NULL, opened_at timestamptz NOT NULL,
          open boolean NOT NULL, claimed_by uuid, decision text, decided_by uuid, decided_at timestamptz);
        CREATE INDEX review_items_open ON review_items (open, opened_at);
        CREATE TABLE review_reasons (
          post_id uuid NOT NULL, version bigint NOT NULL, kind text NOT NULL, rule_ids text, rulebook_version int, flagger_id uuid,
          reason text, note text, weight double precision NOT NULL, at timestamptz NOT NULL, upheld boolean, PRIMARY KEY (post_id, version, kind));
        CREATE INDEX review_reasons_flagger ON review_reasons (flagger_id);
        """,
        """
        CREATE TABLE review_items (
          post_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL, opened_version INTEGER NOT NULL, opened_at TEXT NOT NULL,
          open INTEGER NOT NULL, claimed_by TEXT, decision TEXT, decided_by TEXT, decided_at TEXT) WITHOUT ROWID;
        CREATE INDEX review_items_open ON review_items (open, opened_at);
        CREATE TABLE review_reasons (
          post_id TEXT NOT NULL, version INTEGER NOT NULL, kind TEXT NOT NULL, rule_ids TEXT, rulebook_version INTEGER, flagger_id TEXT,
          reason TEXT, note TEXT, weight REAL NOT NULL, at TEXT NOT NULL, upheld INTEGER, PRIMARY KEY (post_id, version, kind)) WITHOUT ROWID;
        CREATE INDEX review_reasons_flagger ON review_reasons (flagger_id);
        """);

    public string Name => "review-queue";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "topic.post-held", "topic.post-flagged", "topic.post-hidden", "topic.review-decided", "topic.review-claimed", "topic.review-released",
    };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var topic = TopicsSetup.TopicIdOf(e.StreamId);
            var engine = context.Engine;
            switch (e.Data)
            {
                case PostHeld h:
                    await OpenAsync(context, e, h.PostId, topic, h.At, ct);
                    await ReasonAsync(context, e, h.PostId, "hold", h.Rules, null, null, h.Rules.Message, 0, h.At, ct);
                    break;
                case PostFlagged f:
                    await OpenAsync(context, e, f.PostId, topic, f.At, ct);
                    await ReasonAsync(context, e, f.PostId, f.Rules is null ? "flag" : "rule-flag", f.Rules, f.FlaggerId, f.Reason, f.Note, f.Weight, f.At, ct);
                    break;
                case PostHidden { Final: false } h:
                    await OpenAsync(context, e, h.PostId, topic, h.At, ct);
                    await ReasonAsync(context, e, h.PostId, "hidden", h.Rules, null, null, h.Reason, 0, h.At, ct);
                    break;
                case ReviewDecided d:
                    await context.WriteAsync(
                        "UPDATE review_items SET open = @no, claimed_by = NULL, decision = @d, decided_by = @by, decided_at = @at WHERE post_id = @p",
                        ct,
                        ("no", false), ("d", Decision(d.Decision)), ("by", Sql.Id(engine, d.By)), ("at", Sql.Time(engine, d.At)), ("p", Sql.Id(engine, d.PostId)));
                    if (d.FlagsUpheld is { } upheld)
                    {
                        await context.WriteAsync(
                            "UPDATE review_reasons SET upheld = @u WHERE post_id = @p AND kind = 'flag' AND upheld IS NULL", ct, ("u", upheld), ("p", Sql.Id(engine, d.PostId)));
                    }

                    break;
                case ReviewClaimed c:
                    await context.WriteAsync("UPDATE review_items SET claimed_by = @by WHERE post_id = @p", ct, ("by", Sql.Id(engine, c.By)), ("p", Sql.Id(engine, c.PostId)));
                    break;
                case ReviewReleased r:
                    await context.WriteAsync("UPDATE review_items SET claimed_by = NULL WHERE post_id = @p", ct, ("p", Sql.Id(engine, r.PostId)));
                    break;
            }
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM review_reasons", ct);
        await context.ExecuteAsync("DELETE FROM review_items", ct);
    }

    public static string Decision(ReviewDecision decision) => decision.ToString().ToLowerInvariant();

    /// <summary>Opens the post's item, or reopens it (a new round of reasons) when an earlier review was decided.</summary>
    private static Task OpenAsync(ProjectionContext context, RecordedEvent e, Guid postId, Guid topicId, DateTimeOffset at, CancellationToken ct) => context.WriteAsync(
        "INSERT INTO review_items (post_id, topic_id, opened_version, opened_at, open) VALUES (@p, @t, @v, @at, @yes) " +
        "ON CONFLICT (post_id) DO UPDATE SET open = @yes, opened_version = CASE WHEN review_items.open THEN review_items.opened_version ELSE excluded.opened_version END, " +
        "opened_at = CASE WHEN review_items.open THEN review_items.opened_at ELSE excluded.opened_at END, decision = NULL, decided_by = NULL, decided_at = NULL",
        ct,
        ("p", Sql.Id(context.Engine, postId)), ("t", Sql.Id(context.Engine, topicId)), ("v", e.Version), ("at", Sql.Time(context.Engine, at)), ("yes", true));

    private static Task ReasonAsync(
        ProjectionContext context, RecordedEvent e, Guid postId, string kind, RuleTrace? rules, Guid? flagger, FlagReason? reason, string? note, double weight, DateTimeOffset at,
        CancellationToken ct) => context.WriteAsync(
        "INSERT INTO review_reasons (version, post_id, kind, rule_ids, rulebook_version, flagger_id, reason, note, weight, at) " +
        "VALUES (@version, @p, @k, @rules, @v, @f, @r, @n, @w, @at) ON CONFLICT DO NOTHING",
        ct,
        ("version", e.Version), ("p", Sql.Id(context.Engine, postId)), ("k", kind), ("rules", rules is null ? null : string.Join(',', rules.RuleIds)),
        ("v", rules?.RulebookVersion), ("f", flagger is { } by ? Sql.Id(context.Engine, by) : null), ("r", reason is { } why ? FlagReasons.Name(why) : null),
        ("n", note), ("w", weight), ("at", Sql.Time(context.Engine, at)));
}

/// <summary>Flag reasons as the API writes them.</summary>
public static class FlagReasons
{
    public static string Name(FlagReason reason) => reason == FlagReason.OffTopic ? "off-topic" : reason.ToString().ToLowerInvariant();

    public static FlagReason? Parse(string? name) => name switch
    {
        "spam" => FlagReason.Spam,
        "inappropriate" => FlagReason.Inappropriate,
        "off-topic" => FlagReason.OffTopic,
        "harassment" => FlagReason.Harassment,
        "other" => FlagReason.Other,
        _ => null,
    };
}
