using BrandForum.Domain.Badges;
using BrandForum.Domain.Categories;
using BrandForum.Domain.Members;
using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

/// <summary>
/// The moderation trail, derived from the log (nothing is written twice): every act of staff or of a rule — on
/// topics, posts, categories, roles, the rulebook, sanctions and manual badges — with who did it, when, to what and why. A
/// member deleting their own post is not moderation and is left out.
/// </summary>
public sealed class AuditProjection : IProjection
{
    public static readonly Migration Table = new(
        "moderation/003-audit",
        """
        CREATE TABLE moderation_audit (
          position bigint PRIMARY KEY, at timestamptz NOT NULL, actor_id uuid, action text NOT NULL,
          target_kind text NOT NULL, target_id text NOT NULL, reason text, detail text);
        CREATE INDEX moderation_audit_actor ON moderation_audit (actor_id, position);
        CREATE INDEX moderation_audit_action ON moderation_audit (action, position);
        """,
        """
        CREATE TABLE moderation_audit (
          position INTEGER PRIMARY KEY, at TEXT NOT NULL, actor_id TEXT, action TEXT NOT NULL,
          target_kind TEXT NOT NULL, target_id TEXT NOT NULL, reason TEXT, detail TEXT);
        CREATE INDEX moderation_audit_actor ON moderation_audit (actor_id, position);
        CREATE INDEX moderation_audit_action ON moderation_audit (action, position);
        """);

    public string Name => "moderation-audit";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "topic.locked", "topic.unlocked", "topic.pinned", "topic.unpinned", "topic.moved", "topic.post-deleted", "topic.post-restored",
        "category.created", "category.edited", "category.placed", "category.archived", "category.reopened",
        "member.role-granted", "member.role-revoked", "moderation.rulebook-published",
        "moderation.sanction-imposed", "moderation.sanction-lifted", "moderation.sanction-appealed", "moderation.appeal-decided",
        "topic.post-held", "topic.post-flagged", "topic.post-hidden", "topic.review-decided", "topic.slow-mode-set", "category.slow-mode-set",
        "moderation.submission-rejected", "moderation.trust-level-granted", "badge.granted", "badge.revoked",
    };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var id = e.StreamId[(e.StreamId.IndexOf('-', StringComparison.Ordinal) + 1)..];
            Entry? entry = e.Data switch
            {
                TopicLocked l => new(l.By, "lock", "topic", id),
                TopicUnlocked u => new(u.By, "unlock", "topic", id),
                TopicPinned p => new(p.By, "pin", "topic", id),
                TopicUnpinned u => new(u.By, "unpin", "topic", id),
                TopicMoved m => new(m.By, "move", "topic", id, Detail: $"{m.From} → {m.To}"),
                PostDeleted d when !await IsAuthorAsync(context, d.PostId, d.By, ct) => new(d.By, "delete-post", "post", d.PostId.ToString()),
                PostRestored r => new(r.By, "restore-post", "post", r.PostId.ToString()),
                CategoryCreated c => new(Actor(e), "create-category", "category", id, Detail: Access(c.Access)),
                CategoryEdited c => new(Actor(e), "edit-category", "category", id, Detail: $"{c.Name} · {c.Color}{(c.Access is null ? "" : " · " + Access(c.Access))}"),
                CategoryPlaced p => new(Actor(e), "place-category", "category", id, Detail: $"position {p.Position}"),
                CategoryArchived => new(Actor(e), "archive-category", "category", id),
                CategoryReopened => new(Actor(e), "reopen-category", "category", id),
                RoleGranted g => new(g.By, "grant-role", "member", id, Detail: g.Role),
                RoleRevoked r => new(r.By, "revoke-role", "member", id, Detail: r.Role),
                RulebookPublished r => new(r.By, "publish-rulebook", "rulebook", "community", Detail: $"version {r.Version}, {r.RuleCount} rules"),
                SanctionImposed i => new(i.By == Guid.Empty ? null : i.By, $"impose-{i.Kind.ToString().ToLowerInvariant()}", "member", i.MemberId.ToString(), i.Reason, i.Until is { } until ? $"until {until:u}" : null),
                SanctionLifted l => new(l.By, "lift-sanction", "member", id, l.Reason, $"sanction {l.SanctionId}"),
                SanctionAppealed a => new(null, "appeal", "member", id, a.Text, $"sanction {a.SanctionId}"),
                AppealDecided d => new(d.By, d.Lifted ? "appeal-lift" : "appeal-uphold", "member", id, d.Reason, $"sanction {d.SanctionId}"),
                PostHeld h => new(null, "rule-hold", "post", h.PostId.ToString(), h.Rules.Message, Rules(h.Rules)),
                PostFlagged { Rules: { } rules } f => new(null, "rule-flag", "post", f.PostId.ToString(), rules.Message, Rules(rules)),
                PostHidden { Rules: { } rules } h => new(null, "rule-hide", "post", h.PostId.ToString(), h.Reason, Rules(rules)),
                PostHidden { By: null } h => new(null, "flags-hide", "post", h.PostId.ToString(), h.Reason),
                ReviewDecided d => new(d.By, $"review-{ReviewQueueProjection.Decision(d.Decision)}", "post", d.PostId.ToString(), d.Reason,
                    d.FlagsUpheld is { } upheld ? upheld ? "flags upheld" : "flags rejected" : null),
                TopicSlowModeSet m => new(m.By, "slow-mode", "topic", id, Detail: $"{m.Seconds} s"),
                CategorySlowModeSet m => new(Actor(e), "slow-mode", "category", id, Detail: $"{m.Seconds} s"),
                BadgeGranted g => new(g.By, "grant-badge", "member", g.MemberId.ToString(), g.Reason, g.Badge),
                BadgeRevoked r => new(r.By, "revoke-badge", "member", r.MemberId.ToString(), r.Reason, r.Badge),
                TrustLevelGranted g => new(g.By, "set-trust-level", "member", g.MemberId.ToString(), Detail: g.Level is { } level ? $"level {level}" : "from activity"),
                SubmissionRejected r => new(null, "rule-reject", "member", r.MemberId.ToString(), r.Excerpt, Rules(new RuleTrace(r.RulebookVersion, [r.RuleId]))),
                _ => null,
            };
            if (entry is { } row)
            {
                await context.WriteAsync(
                    "INSERT INTO moderation_audit (position, at, actor_id, action, target_kind, target_id, reason, detail) VALUES (@p, @at, @a, @action, @kind, @target, @reason, @detail)",
                    ct,
                    ("p", e.Position), ("at", Sql.Time(context.Engine, e.RecordedAt)), ("a", row.ActorId is { } actor ? Sql.Id(context.Engine, actor) : null),
                    ("action", row.Action), ("kind", row.TargetKind), ("target", row.TargetId), ("reason", row.Reason), ("detail", row.Detail));
            }
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM moderation_audit", ct);

    /// <summary>An automatic act names its rules and the rulebook version they were published in.</summary>
    private static string Rules(RuleTrace rules) => $"rule {string.Join(", ", rules.RuleIds)} · rulebook v{rules.RulebookVersion}";

    private static Guid? Actor(RecordedEvent e) => Guid.TryParse(e.Metadata.Actor, out var actor) ? actor : null;

    private static string Access(IReadOnlyList<string>? access) => access is { Count: > 0 } ? "access: " + string.Join(", ", access) : "open to everyone";

    private static async Task<bool> IsAuthorAsync(ProjectionContext context, Guid postId, Guid by, CancellationToken ct)
    {
        await context.FlushAsync(ct);
        var author = await context.Command("SELECT author_id FROM posts WHERE post_id = @p", ("p", Sql.Id(context.Engine, postId))).ExecuteScalarAsync(ct);
        return author?.ToString() == by.ToString();
    }

    private sealed record Entry(Guid? ActorId, string Action, string TargetKind, string TargetId, string? Reason = null, string? Detail = null);
}
