using BrandForum.Domain.Crisis;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Crisis;

/// <summary>
/// Inline: crises declared and not yet recorded as ended (what every post and page checks, with the time), and
/// the timeline of every crisis — start, changes, each post it held, end — for the post-mortem.
/// </summary>
public sealed class CrisisProjection : IProjection
{
    public static Migration Tables { get; } = new(
        "crisis/001-crises-timeline",
        """
        CREATE TABLE crises (
          scope text PRIMARY KEY, slow_mode_seconds int NOT NULL, hold_below_trust_level int NOT NULL, statement text NOT NULL,
          until timestamptz NOT NULL, started_at timestamptz NOT NULL);
        CREATE TABLE crisis_timeline (
          event_id uuid PRIMARY KEY, scope text NOT NULL, kind text NOT NULL, at timestamptz NOT NULL, by_id uuid,
          slow_mode_seconds int, hold_below_trust_level int, statement text, until timestamptz, topic_id uuid);
        CREATE INDEX crisis_timeline_at ON crisis_timeline (at);
        """,
        """
        CREATE TABLE crises (
          scope TEXT PRIMARY KEY, slow_mode_seconds INTEGER NOT NULL, hold_below_trust_level INTEGER NOT NULL, statement TEXT NOT NULL,
          until TEXT NOT NULL, started_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE crisis_timeline (
          event_id TEXT PRIMARY KEY, scope TEXT NOT NULL, kind TEXT NOT NULL, at TEXT NOT NULL, by_id TEXT,
          slow_mode_seconds INTEGER, hold_below_trust_level INTEGER, statement TEXT, until TEXT, topic_id TEXT) WITHOUT ROWID;
        CREATE INDEX crisis_timeline_at ON crisis_timeline (at);
        """);

    public string Name => "crisis";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>([.. CrisisSetup.EventNames.Values, TopicsSetup.EventNames[typeof(PostHeld)]], StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case CrisisStarted s:
                    await context.WriteAsync(
                        "INSERT INTO crises (scope, slow_mode_seconds, hold_below_trust_level, statement, until, started_at) VALUES (@scope, @slow, @hold, @statement, @until, @at) " +
                        "ON CONFLICT (scope) DO UPDATE SET slow_mode_seconds = @slow, hold_below_trust_level = @hold, statement = @statement, until = @until, started_at = @at",
                        ct,
                        ("scope", s.Scope), ("slow", s.Terms.SlowModeSeconds), ("hold", s.Terms.HoldBelowTrustLevel), ("statement", s.Terms.Statement),
                        ("until", Sql.Time(engine, s.Terms.Until)), ("at", Sql.Time(engine, s.At)));
                    await Timeline(context, e, s.Scope, "started", s.At, s.By, s.Terms, null, ct);
                    break;
                case CrisisChanged c:
                    await context.WriteAsync(
                        "UPDATE crises SET slow_mode_seconds = @slow, hold_below_trust_level = @hold, statement = @statement, until = @until WHERE scope = @scope",
                        ct,
                        ("slow", c.Terms.SlowModeSeconds), ("hold", c.Terms.HoldBelowTrustLevel), ("statement", c.Terms.Statement), ("until", Sql.Time(engine, c.Terms.Until)), ("scope", c.Scope));
                    await Timeline(context, e, c.Scope, "changed", c.At, c.By, c.Terms, null, ct);
                    break;
                case CrisisEnded x:
                    await context.WriteAsync("DELETE FROM crises WHERE scope = @scope", ct, ("scope", x.Scope));
                    await Timeline(context, e, x.Scope, "ended", x.At, x.By, null, null, ct);
                    break;
                case PostHeld h when h.Rules.RuleIds.FirstOrDefault(r => r.StartsWith(CrisisSetup.HoldRulePrefix, StringComparison.Ordinal)) is { } rule:
                    await Timeline(context, e, rule[CrisisSetup.HoldRulePrefix.Length..], "held", h.At, h.AuthorId, null, TopicsSetup.TopicIdOf(e.StreamId), ct);
                    break;
                default:
                    break;
            }
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM crises", ct);
        await context.ExecuteAsync("DELETE FROM crisis_timeline", ct);
    }

    private static Task Timeline(ProjectionContext context, RecordedEvent e, string scope, string kind, DateTimeOffset at, Guid? by, CrisisTerms? terms, Guid? topicId, CancellationToken ct)
    {
        var engine = context.Engine;
        return context.WriteAsync(
            "INSERT INTO crisis_timeline (event_id, scope, kind, at, by_id, slow_mode_seconds, hold_below_trust_level, statement, until, topic_id) " +
            "VALUES (@id, @scope, @kind, @at, @by, @slow, @hold, @statement, @until, @topic)",
            ct,
            ("id", Sql.Id(engine, e.EventId)), ("scope", scope), ("kind", kind), ("at", Sql.Time(engine, at)), ("by", by is { } b ? Sql.Id(engine, b) : null),
            ("slow", terms?.SlowModeSeconds), ("hold", terms?.HoldBelowTrustLevel), ("statement", terms?.Statement),
            ("until", terms is null ? null : Sql.Time(engine, terms.Until)), ("topic", topicId is { } t ? Sql.Id(engine, t) : null));
    }
}
