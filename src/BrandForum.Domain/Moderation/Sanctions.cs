namespace BrandForum.Domain.Moderation;

/// <summary>From the mildest: a warning, silence (reads and reacts, cannot post), suspension (cannot sign in), ban.</summary>
public enum SanctionKind
{
    Warn,
    Silence,
    Suspend,
    Ban,
}

public abstract record SanctionCommand(DateTimeOffset At);

/// <summary><see cref="Hours"/> null means the default step for a repeat offence (warn has no duration, ban none either).</summary>
public sealed record ImposeSanction(Guid SanctionId, SanctionKind Kind, int? Hours, string Reason, Guid By, DateTimeOffset At) : SanctionCommand(At);

public sealed record LiftSanction(Guid SanctionId, string Reason, Guid By, DateTimeOffset At) : SanctionCommand(At);

/// <summary>Only the sanctioned member appeals, once per sanction.</summary>
public sealed record AppealSanction(Guid SanctionId, Guid AppealId, string Text, Guid By, DateTimeOffset At) : SanctionCommand(At);

public sealed record DecideAppeal(Guid AppealId, bool Lift, string Reason, Guid By, DateTimeOffset At) : SanctionCommand(At);

public abstract record SanctionEvent;

public sealed record SanctionImposed(Guid SanctionId, Guid MemberId, SanctionKind Kind, string Reason, Guid By, DateTimeOffset At, DateTimeOffset? Until) : SanctionEvent;

public sealed record SanctionLifted(Guid SanctionId, string Reason, Guid By, DateTimeOffset At) : SanctionEvent;

public sealed record SanctionAppealed(Guid SanctionId, Guid AppealId, string Text, DateTimeOffset At) : SanctionEvent;

public sealed record AppealDecided(Guid AppealId, Guid SanctionId, bool Lifted, string Reason, Guid By, DateTimeOffset At) : SanctionEvent;

public sealed record SanctionRecord(Guid SanctionId, SanctionKind Kind, DateTimeOffset At, DateTimeOffset? Until, bool Lifted, Guid? AppealId, bool AppealDecided)
{
    public bool IsActiveAt(DateTimeOffset now) => !Lifted && Kind != SanctionKind.Warn && (Until is null || Until > now);
}

/// <summary>A member's sanctions, oldest first; <see cref="MemberId"/> is the stream's member.</summary>
public sealed record SanctionsState(Guid MemberId, IReadOnlyList<SanctionRecord> Sanctions)
{
    public static SanctionsState For(Guid memberId) => new(memberId, []);

    public bool IsActive(SanctionKind kind, DateTimeOffset now) => Sanctions.Any(s => s.Kind == kind && s.IsActiveAt(now));
}

/// <summary>
/// Proportionate sanctions with a reason the member sees: repeat offences climb the default steps (24 h, 72 h,
/// 7 days, 30 days) unless the moderator sets a duration; a sanction can be lifted early; the member may appeal
/// each one once, and a moderator upholds or lifts it.
/// </summary>
public static class Sanctions
{
    public const int MaxReasonLength = 500;
    public const int MaxAppealLength = 2_000;
    public const int MaxHours = 24 * 365;

    /// <summary>Default durations for silence and suspension, by how many such sanctions came before.</summary>
    public static IReadOnlyList<int> StepsHours { get; } = [24, 72, 7 * 24, 30 * 24];

    public static Decider<SanctionCommand, SanctionEvent, SanctionsState> DeciderFor(Guid memberId) => new(SanctionsState.For(memberId), Decide, Evolve);

    public static Decision<SanctionEvent> Decide(SanctionCommand command, SanctionsState state) => command switch
    {
        ImposeSanction i when Invalid(i.Reason, MaxReasonLength) => Refuse("invalid-reason", $"Say why, in 1–{MaxReasonLength} characters: the member will read it."),
        ImposeSanction { Hours: < 1 or > MaxHours } => Refuse("invalid-hours", $"A duration is 1–{MaxHours} hours."),
        ImposeSanction { Kind: SanctionKind.Warn or SanctionKind.Ban, Hours: not null } => Refuse("invalid-hours", "Warnings and bans have no duration."),
        ImposeSanction i when state.Sanctions.Any(s => s.SanctionId == i.SanctionId) => Decision<SanctionEvent>.Nothing,
        ImposeSanction i when i.By == state.MemberId => Refuse("not-allowed", "Nobody sanctions themselves."),
        ImposeSanction i => Decision<SanctionEvent>.Accept(new SanctionImposed(i.SanctionId, state.MemberId, i.Kind, i.Reason.Trim(), i.By, i.At, Until(i, state))),
        LiftSanction l when Invalid(l.Reason, MaxReasonLength) => Refuse("invalid-reason", $"Say why, in 1–{MaxReasonLength} characters."),
        LiftSanction l => WithSanction(state, l.SanctionId, s => s.Lifted || !s.IsActiveAt(l.At)
            ? Decision<SanctionEvent>.Nothing
            : Decision<SanctionEvent>.Accept(new SanctionLifted(l.SanctionId, l.Reason.Trim(), l.By, l.At))),
        AppealSanction a when a.By != state.MemberId => Refuse("not-allowed", "Only the sanctioned member can appeal."),
        AppealSanction a when Invalid(a.Text, MaxAppealLength) => Refuse("invalid-text", $"An appeal is 1–{MaxAppealLength} characters."),
        AppealSanction a => WithSanction(state, a.SanctionId, s => s.AppealId == a.AppealId ? Decision<SanctionEvent>.Nothing
            : s.AppealId is not null ? Refuse("already-appealed", "Each sanction can be appealed once.")
            : !s.IsActiveAt(a.At) && s.Kind != SanctionKind.Warn ? Refuse("sanction-ended", "This sanction is over.")
            : Decision<SanctionEvent>.Accept(new SanctionAppealed(a.SanctionId, a.AppealId, a.Text.Trim(), a.At))),
        DecideAppeal d when Invalid(d.Reason, MaxReasonLength) => Refuse("invalid-reason", $"Say why, in 1–{MaxReasonLength} characters."),
        DecideAppeal d when d.By == state.MemberId => Refuse("not-allowed", "Nobody decides their own appeal."),
        DecideAppeal d => state.Sanctions.SingleOrDefault(s => s.AppealId == d.AppealId) is not { } appealed ? Refuse("appeal-not-found", "There is no such appeal.")
            : appealed.AppealDecided ? Refuse("appeal-decided", "This appeal has been decided.")
            : Decision<SanctionEvent>.Accept(d.Lift && !appealed.Lifted
                ? [new AppealDecided(d.AppealId, appealed.SanctionId, true, d.Reason.Trim(), d.By, d.At), new SanctionLifted(appealed.SanctionId, d.Reason.Trim(), d.By, d.At)]
                : [new AppealDecided(d.AppealId, appealed.SanctionId, false, d.Reason.Trim(), d.By, d.At)]),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown sanction command."),
    };

    public static SanctionsState Evolve(SanctionsState state, SanctionEvent e) => e switch
    {
        SanctionImposed i => state with { Sanctions = [.. state.Sanctions, new SanctionRecord(i.SanctionId, i.Kind, i.At, i.Until, false, null, false)] },
        SanctionLifted l => Update(state, s => s.SanctionId == l.SanctionId, s => s with { Lifted = true }),
        SanctionAppealed a => Update(state, s => s.SanctionId == a.SanctionId, s => s with { AppealId = a.AppealId }),
        AppealDecided d => Update(state, s => s.AppealId == d.AppealId, s => s with { AppealDecided = true }),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown sanction event."),
    };

    /// <summary>Silence and suspension climb the steps with each earlier one of either; a ban is for good; a warning just is.</summary>
    private static DateTimeOffset? Until(ImposeSanction i, SanctionsState state) => i.Kind switch
    {
        SanctionKind.Warn or SanctionKind.Ban => null,
        _ => i.At.AddHours(i.Hours ?? StepsHours[Math.Min(StepsHours.Count - 1, state.Sanctions.Count(s => s.Kind is SanctionKind.Silence or SanctionKind.Suspend))]),
    };

    private static bool Invalid(string text, int max) => string.IsNullOrWhiteSpace(text) || text.Trim().Length > max;

    private static Decision<SanctionEvent> WithSanction(SanctionsState state, Guid sanctionId, Func<SanctionRecord, Decision<SanctionEvent>> decide) =>
        state.Sanctions.SingleOrDefault(s => s.SanctionId == sanctionId) is { } sanction ? decide(sanction) : Refuse("sanction-not-found", "There is no such sanction.");

    private static SanctionsState Update(SanctionsState state, Func<SanctionRecord, bool> which, Func<SanctionRecord, SanctionRecord> change) =>
        state with { Sanctions = [.. state.Sanctions.Select(s => which(s) ? change(s) : s)] };

    private static Decision<SanctionEvent> Refuse(string code, string message) => Decision<SanctionEvent>.Refuse(code, message);
}
