namespace BrandForum.Domain.Badges;

/// <summary>
/// Staff acts on a member's manual badges. <see cref="Multiple"/> and <see cref="Revocable"/> come from the catalogue
/// (the caller looks the badge up), so the decider stays pure and the catalogue stays data.
/// </summary>
public abstract record BadgeCommand(string Badge, Guid By, DateTimeOffset At);

public sealed record GrantBadge(string Badge, bool Multiple, string Reason, Guid By, DateTimeOffset At) : BadgeCommand(Badge, By, At);

public sealed record RevokeBadge(string Badge, bool Revocable, string? Reason, Guid By, DateTimeOffset At) : BadgeCommand(Badge, By, At);

public abstract record BadgeEvent;

public sealed record BadgeGranted(Guid MemberId, string Badge, string Reason, Guid By, DateTimeOffset At) : BadgeEvent;

public sealed record BadgeRevoked(Guid MemberId, string Badge, string? Reason, Guid By, DateTimeOffset At) : BadgeEvent;

/// <summary>How many times the member holds each manual badge.</summary>
public sealed record MemberBadgesState(Guid MemberId, IReadOnlyDictionary<string, int> Held)
{
    public static MemberBadgesState For(Guid memberId) => new(memberId, new Dictionary<string, int>(StringComparer.Ordinal));

    public int Count(string badge) => Held.GetValueOrDefault(badge);
}

/// <summary>
/// A member's manual badges, one stream per member (<c>badges-{memberId}</c>). Badges earned by activity are not
/// here: the badge projection derives them from the log; manual ones are facts staff state, so they are events.
/// </summary>
public static class MemberBadges
{
    public const int MaxReasonLength = 500;

    public static Decider<BadgeCommand, BadgeEvent, MemberBadgesState> DeciderFor(Guid memberId) => new(MemberBadgesState.For(memberId), Decide, Evolve);

    public static Decision<BadgeEvent> Decide(BadgeCommand command, MemberBadgesState state) => command switch
    {
        GrantBadge g when string.IsNullOrWhiteSpace(g.Reason) || g.Reason.Length > MaxReasonLength =>
            Decision<BadgeEvent>.Refuse("invalid-reason", $"A reason of 1 to {MaxReasonLength} characters is required."),
        GrantBadge g when !g.Multiple && state.Count(g.Badge) > 0 => Decision<BadgeEvent>.Refuse("badge-exists", "The member already holds this badge."),
        GrantBadge g => Decision<BadgeEvent>.Accept(new BadgeGranted(state.MemberId, g.Badge, g.Reason.Trim(), g.By, g.At)),
        RevokeBadge { Revocable: false } => Decision<BadgeEvent>.Refuse("cannot-revoke-badge", "This badge cannot be revoked."),
        RevokeBadge r when r.Reason is { Length: > MaxReasonLength } => Decision<BadgeEvent>.Refuse("invalid-reason", $"A reason has at most {MaxReasonLength} characters."),
        RevokeBadge r when state.Count(r.Badge) == 0 => Decision<BadgeEvent>.Refuse("badge-not-found", "The member does not hold this badge."),
        RevokeBadge r => Decision<BadgeEvent>.Accept(new BadgeRevoked(state.MemberId, r.Badge, r.Reason, r.By, r.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown badge command."),
    };

    public static MemberBadgesState Evolve(MemberBadgesState state, BadgeEvent e) => e switch
    {
        BadgeGranted g => state with { Held = new Dictionary<string, int>(state.Held, StringComparer.Ordinal) { [g.Badge] = state.Count(g.Badge) + 1 } },
        BadgeRevoked r => state with { Held = new Dictionary<string, int>(state.Held, StringComparer.Ordinal) { [r.Badge] = Math.Max(0, state.Count(r.Badge) - 1) } },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown badge event."),
    };
}
