namespace BrandForum.Domain.Crisis;

/// <summary>What a crisis imposes on its scope (the whole site or one category) until <see cref="Until"/>.</summary>
public sealed record CrisisTerms(int SlowModeSeconds, int HoldBelowTrustLevel, string Statement, DateTimeOffset Until);

public abstract record CrisisCommand(DateTimeOffset At);

/// <summary>Starts a crisis, or changes the terms of the one going on.</summary>
public sealed record DeclareCrisis(string Scope, CrisisTerms Terms, Guid By, DateTimeOffset At) : CrisisCommand(At);

/// <summary>Ends the crisis: lifted by staff (<see cref="By"/>), or noticed over by the server once its end time passed (no one).</summary>
public sealed record EndCrisis(Guid? By, DateTimeOffset At) : CrisisCommand(At);

public abstract record CrisisEvent(string Scope);

public sealed record CrisisStarted(string Scope, CrisisTerms Terms, Guid By, DateTimeOffset At) : CrisisEvent(Scope);

public sealed record CrisisChanged(string Scope, CrisisTerms Terms, Guid By, DateTimeOffset At) : CrisisEvent(Scope);

/// <summary><see cref="By"/> is null when the crisis ran out (<see cref="At"/> is then its end time).</summary>
public sealed record CrisisEnded(string Scope, Guid? By, DateTimeOffset At) : CrisisEvent(Scope);

public sealed record CrisisState(string Scope, bool Declared, CrisisTerms? Terms)
{
    public static CrisisState For(string scope) => new(scope, false, null);

    /// <summary>In force at <paramref name="at"/>: declared, not ended, not run out.</summary>
    public bool InForce(DateTimeOffset at) => Declared && Terms!.Until > at;
}

/// <summary>
/// Crisis mode of one scope, a stream per scope (<c>crisis-{scope}</c>): slow mode for all but staff, posts of
/// members below a trust level held, an official statement on every page of the scope, until an end time after
/// which it is over by itself (the server records the end when it notices; nothing waits for it to apply).
/// </summary>
public static class CrisisMode
{
    public const string Site = "site";
    public const int MaxStatementLength = 2_000;
    public const int MaxSlowModeSeconds = 24 * 3600;
    public const int MaxTrustLevel = 4;
    public static readonly TimeSpan MaxDuration = TimeSpan.FromDays(30);

    public static Decider<CrisisCommand, CrisisEvent, CrisisState> DeciderFor(string scope) => new(CrisisState.For(scope), Decide, Evolve);

    public static Decision<CrisisEvent> Decide(CrisisCommand command, CrisisState state) => command switch
    {
        DeclareCrisis d => Check(d.Terms, d.At) ?? (state.InForce(d.At)
            ? d.Terms == state.Terms ? Decision<CrisisEvent>.Nothing : Decision<CrisisEvent>.Accept(new CrisisChanged(state.Scope, d.Terms, d.By, d.At))
            : Decision<CrisisEvent>.Accept(
                [.. state.Declared ? [new CrisisEnded(state.Scope, null, state.Terms!.Until)] : Array.Empty<CrisisEvent>(), new CrisisStarted(state.Scope, d.Terms, d.By, d.At)])),
        EndCrisis when !state.Declared => Decision<CrisisEvent>.Nothing,
        EndCrisis { By: null } e when state.InForce(e.At) => Decision<CrisisEvent>.Nothing, // not over yet: only staff end it early
        EndCrisis e => Decision<CrisisEvent>.Accept(new CrisisEnded(state.Scope, e.By, e.By is null ? state.Terms!.Until : e.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown crisis command."),
    };

    public static CrisisState Evolve(CrisisState state, CrisisEvent e) => e switch
    {
        CrisisStarted s => state with { Declared = true, Terms = s.Terms },
        CrisisChanged c => state with { Terms = c.Terms },
        CrisisEnded => state with { Declared = false, Terms = null },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown crisis event."),
    };

    private static Decision<CrisisEvent>? Check(CrisisTerms terms, DateTimeOffset at) =>
        terms.SlowModeSeconds is < 0 or > MaxSlowModeSeconds ? Refuse("invalid-slow-mode", $"Slow mode is 0 to {MaxSlowModeSeconds} seconds.")
        : terms.HoldBelowTrustLevel is < 0 or > MaxTrustLevel + 1 ? Refuse("invalid-trust-level", $"Posts are held below a trust level of 0 (none held) to {MaxTrustLevel + 1} (all members).")
        : string.IsNullOrWhiteSpace(terms.Statement) || terms.Statement.Length > MaxStatementLength ? Refuse("invalid-statement", $"An official statement of 1 to {MaxStatementLength} characters is required.")
        : terms.Until <= at || terms.Until - at > MaxDuration ? Refuse("invalid-until", "A crisis ends in the future, within 30 days; it can be extended.")
        : null;

    private static Decision<CrisisEvent> Refuse(string code, string message) => Decision<CrisisEvent>.Refuse(code, message);
}
