namespace BrandForum.Domain;

/// <summary>
/// A stream's behaviour as three pure parts: the state before anything happened, how an event changes the
/// state, and what a command decides given the state. Deciders never do I/O and never read the clock:
/// whatever is impure (ids, time, the author's standing) arrives on the command.
/// </summary>
public sealed record Decider<TCommand, TEvent, TState>(
    TState Initial,
    Func<TCommand, TState, Decision<TEvent>> Decide,
    Func<TState, TEvent, TState> Evolve)
{
    public TState Fold(IEnumerable<TEvent> events) => events.Aggregate(Initial, Evolve);
}

/// <summary>What a command decided: the events to append (none when already satisfied), or why it is refused.</summary>
public sealed record Decision<TEvent>(IReadOnlyList<TEvent> Events, DomainError? Error)
{
    public static Decision<TEvent> Accept(params TEvent[] events) => new(events, null);

    public static Decision<TEvent> Nothing { get; } = new([], null);

    public static Decision<TEvent> Refuse(string code, string message) => new([], new DomainError(code, message));

    public bool IsRefused => Error is not null;
}

/// <summary>A refusal with a stable kebab-case <see cref="Code"/> (the contract) and a message for people.</summary>
public sealed record DomainError(string Code, string Message);
