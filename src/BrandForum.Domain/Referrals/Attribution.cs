namespace BrandForum.Domain.Referrals;

/// <summary>Where and when a member was seen: their last sign-in or their registration (the client's IP address).</summary>
public sealed record Sighting(string Address, DateTimeOffset At);

/// <summary>The owner of the code a newcomer came with, as the server found them.</summary>
/// <param name="MayRefer">An active ambassador (not paused), or any member when referrals are open to all.</param>
/// <param name="ReferralsToday">Referrals already attributed to this code since midnight UTC.</param>
/// <param name="Devices">The device cookies the owner registered or signed in with.</param>
public sealed record CodeOwner(Guid MemberId, bool MayRefer, string? EmailDomain, IReadOnlyList<Sighting> Sightings, int ReferralsToday, IReadOnlyList<string>? Devices = null);

/// <summary>A newcomer registering with a code; <see cref="Owner"/> is null when the code is nobody's.</summary>
/// <param name="Device">The newcomer's device cookie, if their browser has one.</param>
public sealed record ReferralClaim(Guid NewcomerId, string EmailDomain, string? Address, DateTimeOffset At, CodeOwner? Owner, string? Device = null);

/// <summary>Who gets the credit (<see cref="ReferredBy"/>), or why nobody does (<see cref="Refusal"/>).</summary>
public sealed record Attribution(Guid? ReferredBy, string? Refusal)
{
    public static Attribution To(Guid referrer) => new(referrer, null);

    public static Attribution None(string refusal) => new(null, refusal);
}

/// <summary>
/// Whether a registration counts as a referral. A refused attribution never refuses the registration itself: the
/// newcomer joins either way, the referrer just gets no credit. Sign-ups cost nothing to fake, so the guards are
/// about the referrer inviting themselves: the same account; the same device (a browser the referrer registered or
/// signed in with, whatever the address or email); or the same email domain from the same address within
/// <see cref="SameNetworkWindow"/> of the referrer's last sign-in or registration; and a cap per code per day.
/// </summary>
public static class ReferralAttribution
{
    public const int DefaultDailyCap = 20;
    public static readonly TimeSpan SameNetworkWindow = TimeSpan.FromHours(24);

    public static Attribution Attribute(ReferralClaim claim, int dailyCap) => claim.Owner switch
    {
        null => Attribution.None("unknown-code"),
        { MayRefer: false } => Attribution.None("not-eligible"),
        var owner when owner.MemberId == claim.NewcomerId || SameDevice(claim, owner) || SameNetwork(claim, owner) => Attribution.None("self-referral"),
        { ReferralsToday: var today } when today >= dailyCap => Attribution.None("daily-cap"),
        var owner => Attribution.To(owner.MemberId),
    };

    /// <summary>The part of an address after the last '@', in lower case: "Example.COM" and "example.com" are one domain.</summary>
    public static string EmailDomain(string email) => email[(email.LastIndexOf('@') + 1)..].Trim().ToLowerInvariant();

    private static bool SameDevice(ReferralClaim claim, CodeOwner owner) =>
        claim.Device is { } device && owner.Devices?.Contains(device, StringComparer.Ordinal) == true;

    private static bool SameNetwork(ReferralClaim claim, CodeOwner owner) =>
        claim.Address is { } address
        && string.Equals(owner.EmailDomain, claim.EmailDomain, StringComparison.OrdinalIgnoreCase)
        && owner.Sightings.Any(s => s.Address == address && (claim.At - s.At).Duration() <= SameNetworkWindow);
}

/// <summary>How far a referred member went. Struck: banned after joining, so the referral counts for nothing.</summary>
public enum ReferralStage
{
    Registered,
    Activated,
    Retained,
    Struck,
}

/// <summary>
/// The funnel after registration: activated once the newcomer has published enough posts (not removed) within
/// <see cref="ActivationWindow"/> of joining — counted by the referrals projection —, retained when an activated
/// newcomer is still active (posted or visited) <see cref="RetentionAfter"/> after joining.
/// </summary>
public static class ReferralFunnel
{
    public const int DefaultActivationPosts = 3;
    public static readonly TimeSpan ActivationWindow = TimeSpan.FromDays(30);
    public static readonly TimeSpan RetentionAfter = TimeSpan.FromDays(30);

    public static ReferralStage StageOf(DateTimeOffset registeredAt, DateTimeOffset? activatedAt, DateTimeOffset? lastActiveAt, bool struck) =>
        struck ? ReferralStage.Struck
        : activatedAt is null ? ReferralStage.Registered
        : lastActiveAt >= registeredAt + RetentionAfter ? ReferralStage.Retained
        : ReferralStage.Activated;
}
