namespace BrandForum.Domain.Referrals;

/// <summary>The programme's tiers, from the first step up.</summary>
public enum AmbassadorTier
{
    Ambassador = 1,
    Senior = 2,
    Champion = 3,
}

public enum AmbassadorStatus
{
    None,
    Active,
    Paused,
    Retired,
}

/// <summary>Every change to an ambassador is made by a community manager, with an optional note for the record.</summary>
public abstract record AmbassadorCommand(string? Note, Guid By, DateTimeOffset At);

/// <summary>Enrols the member at <see cref="Tier"/>, or moves a current ambassador to it (promotion or demotion).</summary>
public sealed record EnrolAmbassador(int Tier, string? Note, Guid By, DateTimeOffset At) : AmbassadorCommand(Note, By, At);

public sealed record PauseAmbassador(string? Note, Guid By, DateTimeOffset At) : AmbassadorCommand(Note, By, At);

public sealed record ResumeAmbassador(string? Note, Guid By, DateTimeOffset At) : AmbassadorCommand(Note, By, At);

public sealed record RetireAmbassador(string? Note, Guid By, DateTimeOffset At) : AmbassadorCommand(Note, By, At);

public abstract record AmbassadorEvent;

public sealed record AmbassadorEnrolled(Guid MemberId, AmbassadorTier Tier, string? Note, Guid By, DateTimeOffset At) : AmbassadorEvent;

public sealed record AmbassadorTierChanged(AmbassadorTier From, AmbassadorTier To, string? Note, Guid By, DateTimeOffset At) : AmbassadorEvent;

public sealed record AmbassadorPaused(string? Note, Guid By, DateTimeOffset At) : AmbassadorEvent;

public sealed record AmbassadorResumed(string? Note, Guid By, DateTimeOffset At) : AmbassadorEvent;

public sealed record AmbassadorRetired(string? Note, Guid By, DateTimeOffset At) : AmbassadorEvent;

/// <summary>An ambassador's place in the programme; <see cref="Since"/> is when the current enrolment began.</summary>
public sealed record AmbassadorState(Guid MemberId, AmbassadorStatus Status, AmbassadorTier Tier, DateTimeOffset? Since)
{
    public static AmbassadorState For(Guid memberId) => new(memberId, AmbassadorStatus.None, AmbassadorTier.Ambassador, null);

    /// <summary>Active and paused ambassadors hold the Ambassador role; a pause is a break, not a departure.</summary>
    public bool IsCurrent => Status is AmbassadorStatus.Active or AmbassadorStatus.Paused;
}

/// <summary>
/// The ambassador programme, one stream per member: community managers enrol members at a tier, promote or
/// demote them, pause and resume them, and retire them. Enrolling again after retiring starts a new enrolment.
/// </summary>
public static class Ambassador
{
    public const int MaxNoteLength = 500;

    public static Decider<AmbassadorCommand, AmbassadorEvent, AmbassadorState> DeciderFor(Guid memberId) => new(AmbassadorState.For(memberId), Decide, Evolve);

    public static Decision<AmbassadorEvent> Decide(AmbassadorCommand command, AmbassadorState state) => command switch
    {
        { Note.Length: > MaxNoteLength } => Refuse("invalid-note", $"A note is at most {MaxNoteLength} characters."),
        EnrolAmbassador e when !Enum.IsDefined((AmbassadorTier)e.Tier) => Refuse("invalid-tier", "A tier is 1 (Ambassador), 2 (Senior) or 3 (Champion)."),
        EnrolAmbassador e when !state.IsCurrent => Accept(new AmbassadorEnrolled(state.MemberId, (AmbassadorTier)e.Tier, Note(e), e.By, e.At)),
        EnrolAmbassador e when (AmbassadorTier)e.Tier == state.Tier => Decision<AmbassadorEvent>.Nothing,
        EnrolAmbassador e => Accept(new AmbassadorTierChanged(state.Tier, (AmbassadorTier)e.Tier, Note(e), e.By, e.At)),
        RetireAmbassador when state.Status == AmbassadorStatus.Retired => Decision<AmbassadorEvent>.Nothing,
        _ when !state.IsCurrent => Refuse("ambassador-not-found", "This member is not an ambassador."),
        PauseAmbassador when state.Status == AmbassadorStatus.Paused => Decision<AmbassadorEvent>.Nothing,
        PauseAmbassador p => Accept(new AmbassadorPaused(Note(p), p.By, p.At)),
        ResumeAmbassador when state.Status == AmbassadorStatus.Active => Decision<AmbassadorEvent>.Nothing,
        ResumeAmbassador r => Accept(new AmbassadorResumed(Note(r), r.By, r.At)),
        RetireAmbassador r => Accept(new AmbassadorRetired(Note(r), r.By, r.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown ambassador command."),
    };

    public static AmbassadorState Evolve(AmbassadorState state, AmbassadorEvent e) => e switch
    {
        AmbassadorEnrolled n => state with { Status = AmbassadorStatus.Active, Tier = n.Tier, Since = n.At },
        AmbassadorTierChanged c => state with { Tier = c.To },
        AmbassadorPaused => state with { Status = AmbassadorStatus.Paused },
        AmbassadorResumed => state with { Status = AmbassadorStatus.Active },
        AmbassadorRetired => state with { Status = AmbassadorStatus.Retired },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown ambassador event."),
    };

    private static string? Note(AmbassadorCommand command) => string.IsNullOrWhiteSpace(command.Note) ? null : command.Note.Trim();

    private static Decision<AmbassadorEvent> Accept(AmbassadorEvent e) => Decision<AmbassadorEvent>.Accept(e);

    private static Decision<AmbassadorEvent> Refuse(string code, string message) => Decision<AmbassadorEvent>.Refuse(code, message);
}
