using BrandForum.Domain.Moderation;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

/// <summary>Inline: every sanction with its appeal, so a suspension stops the very next sign-in and a silence the next post.</summary>
public sealed class SanctionsProjection : IProjection
{
    public static readonly Migration Table = new(
        "moderation/002-sanctions",
        """
        CREATE TABLE sanctions (
          sanction_id uuid PRIMARY KEY, member_id uuid NOT NULL, kind text NOT NULL, reason text NOT NULL, by_id uuid NOT NULL,
          at timestamptz NOT NULL, until timestamptz, lifted_at timestamptz, lift_reason text,
          appeal_id uuid UNIQUE, appeal_text text, appealed_at timestamptz, appeal_lifted boolean, appeal_reason text, appeal_decided_at timestamptz);
        CREATE INDEX sanctions_member ON sanctions (member_id, at);
        """,
        """
        CREATE TABLE sanctions (
          sanction_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, kind TEXT NOT NULL, reason TEXT NOT NULL, by_id TEXT NOT NULL,
          at TEXT NOT NULL, until TEXT, lifted_at TEXT, lift_reason TEXT,
          appeal_id TEXT UNIQUE, appeal_text TEXT, appealed_at TEXT, appeal_lifted INTEGER, appeal_reason TEXT, appeal_decided_at TEXT) WITHOUT ROWID;
        CREATE INDEX sanctions_member ON sanctions (member_id, at);
        """);

    public string Name => "sanctions";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(SanctionEventNames.All.Values, StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        foreach (var e in events)
        {
            await (e.Data switch
            {
                SanctionImposed i => context.WriteAsync(
                    "INSERT INTO sanctions (sanction_id, member_id, kind, reason, by_id, at, until) VALUES (@s, @m, @k, @r, @b, @at, @until)",
                    ct,
                    ("s", Sql.Id(engine, i.SanctionId)), ("m", Sql.Id(engine, i.MemberId)), ("k", i.Kind.ToString().ToLowerInvariant()), ("r", i.Reason),
                    ("b", Sql.Id(engine, i.By)), ("at", Sql.Time(engine, i.At)), ("until", i.Until is { } until ? Sql.Time(engine, until) : null)),
                SanctionLifted l => context.WriteAsync(
                    "UPDATE sanctions SET lifted_at = @at, lift_reason = @r WHERE sanction_id = @s",
                    ct,
                    ("at", Sql.Time(engine, l.At)), ("r", l.Reason), ("s", Sql.Id(engine, l.SanctionId))),
                SanctionAppealed a => context.WriteAsync(
                    "UPDATE sanctions SET appeal_id = @a, appeal_text = @t, appealed_at = @at WHERE sanction_id = @s",
                    ct,
                    ("a", Sql.Id(engine, a.AppealId)), ("t", a.Text), ("at", Sql.Time(engine, a.At)), ("s", Sql.Id(engine, a.SanctionId))),
                AppealDecided d => context.WriteAsync(
                    "UPDATE sanctions SET appeal_lifted = @l, appeal_reason = @r, appeal_decided_at = @at WHERE sanction_id = @s",
                    ct,
                    ("l", d.Lifted), ("r", d.Reason), ("at", Sql.Time(engine, d.At)), ("s", Sql.Id(engine, d.SanctionId))),
                _ => Task.CompletedTask,
            });
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM sanctions", ct);
}

/// <summary>The stored names of sanction events: a contract, never renamed.</summary>
public static class SanctionEventNames
{
    public static IReadOnlyDictionary<Type, string> All { get; } = new Dictionary<Type, string>
    {
        [typeof(SanctionImposed)] = "moderation.sanction-imposed",
        [typeof(SanctionLifted)] = "moderation.sanction-lifted",
        [typeof(SanctionAppealed)] = "moderation.sanction-appealed",
        [typeof(AppealDecided)] = "moderation.appeal-decided",
    };
}
