using BrandForum.Domain.Referrals;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Referrals;

/// <summary>
/// Inline: who is an ambassador (tier, status, since) and which code is whose, so a code handed out works on the
/// next request and a retired ambassador's links stop crediting at once.
/// </summary>
public sealed class ProgrammeProjection : IProjection
{
    public string Name => "referral-programme";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(
        ReferralsSetup.AmbassadorEventNames.Values.Concat(ReferralsSetup.ReferrerEventNames.Values), StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        foreach (var e in events)
        {
            await (e.Data switch
            {
                AmbassadorEnrolled n => context.WriteAsync(
                    "INSERT INTO ambassadors (member_id, tier, status, since, changed_at, note) VALUES (@m, @tier, @status, @at, @at, @note) " +
                    "ON CONFLICT (member_id) DO UPDATE SET tier = @tier, status = @status, since = @at, changed_at = @at, note = @note",
                    ct,
                    ("m", Sql.Id(engine, n.MemberId)), ("tier", (int)n.Tier), ("status", Status(AmbassadorStatus.Active)), ("at", Sql.Time(engine, n.At)), ("note", n.Note)),
                AmbassadorTierChanged c => context.WriteAsync(
                    "UPDATE ambassadors SET tier = @tier, changed_at = @at, note = @note WHERE member_id = @m",
                    ct,
                    ("tier", (int)c.To), ("at", Sql.Time(engine, c.At)), ("note", c.Note), ("m", Member(engine, e))),
                AmbassadorPaused p => SetStatus(context, e, AmbassadorStatus.Paused, p.Note, p.At, ct),
                AmbassadorResumed r => SetStatus(context, e, AmbassadorStatus.Active, r.Note, r.At, ct),
                AmbassadorRetired r => SetStatus(context, e, AmbassadorStatus.Retired, r.Note, r.At, ct),
                ReferralCodeIssued i => context.WriteAsync(
                    "INSERT INTO referral_codes (code, member_id, label, created_at) VALUES (@code, @m, NULL, @at)",
                    ct,
                    ("code", i.Code), ("m", Sql.Id(engine, i.MemberId)), ("at", Sql.Time(engine, i.At))),
                ReferralCampaignCreated c => context.WriteAsync(
                    "INSERT INTO referral_codes (code, member_id, label, created_at) VALUES (@code, @m, @label, @at)",
                    ct,
                    ("code", c.Code), ("m", Sql.Id(engine, c.MemberId)), ("label", c.Label), ("at", Sql.Time(engine, c.At))),
                _ => Task.CompletedTask,
            });
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM ambassadors", ct);
        await context.ExecuteAsync("DELETE FROM referral_codes", ct);
    }

    /// <summary>The stored form of a status: its name in lower case.</summary>
    public static string Status(AmbassadorStatus status) => status.ToString().ToLowerInvariant();

    private static Task SetStatus(ProjectionContext context, RecordedEvent e, AmbassadorStatus status, string? note, DateTimeOffset at, CancellationToken ct) =>
        context.WriteAsync(
            "UPDATE ambassadors SET status = @status, changed_at = @at, note = @note WHERE member_id = @m",
            ct,
            ("status", Status(status)), ("at", Sql.Time(context.Engine, at)), ("note", note), ("m", Member(context.Engine, e)));

    private static object Member(StorageEngine engine, RecordedEvent e) => Sql.Id(engine, ReferralsSetup.MemberIdOf(e.StreamId));
}
