namespace BrandForum.Domain.Referrals;

/// <summary><see cref="MayRefer"/>: whether the member may hand out links now (an ambassador, or anyone when referrals are open).</summary>
public abstract record ReferrerCommand(bool MayRefer, DateTimeOffset At);

/// <summary>Gives the member their personal code, once; <see cref="Code"/> is freshly drawn by the caller.</summary>
public sealed record IssueReferralCode(string Code, bool MayRefer, DateTimeOffset At) : ReferrerCommand(MayRefer, At);

/// <summary>A labelled link of its own, to see which channel brings people; the same label again is the same campaign.</summary>
public sealed record CreateReferralCampaign(string Label, string Code, bool MayRefer, DateTimeOffset At) : ReferrerCommand(MayRefer, At);

public abstract record ReferrerEvent;

public sealed record ReferralCodeIssued(Guid MemberId, string Code, DateTimeOffset At) : ReferrerEvent;

public sealed record ReferralCampaignCreated(Guid MemberId, string Label, string Code, DateTimeOffset At) : ReferrerEvent;

public sealed record ReferrerState(Guid MemberId, string? PersonalCode, IReadOnlyDictionary<string, string> Campaigns)
{
    public static ReferrerState For(Guid memberId) => new(memberId, null, new Dictionary<string, string>(StringComparer.Ordinal));
}

/// <summary>
/// A member's referral codes, one stream per member: a personal code and labelled campaign codes. Codes never
/// change once issued, so links already shared keep working; the code itself comes from the caller (it is random).
/// </summary>
public static class Referrer
{
    public const int MaxCampaigns = 20;

    public static Decider<ReferrerCommand, ReferrerEvent, ReferrerState> DeciderFor(Guid memberId) => new(ReferrerState.For(memberId), Decide, Evolve);

    public static Decision<ReferrerEvent> Decide(ReferrerCommand command, ReferrerState state) => command switch
    {
        IssueReferralCode when state.PersonalCode is not null => Decision<ReferrerEvent>.Nothing,
        CreateReferralCampaign c when !CampaignLabels.IsValid(c.Label) => Refuse("invalid-label", CampaignLabels.Rule),
        CreateReferralCampaign c when state.Campaigns.ContainsKey(c.Label) => Decision<ReferrerEvent>.Nothing,
        { MayRefer: false } => Refuse("referrals-closed", "Referral links are for ambassadors."),
        IssueReferralCode i when !ReferralCodes.IsWellFormed(i.Code) => Refuse("invalid-code", ReferralCodes.Rule),
        IssueReferralCode i => Decision<ReferrerEvent>.Accept(new ReferralCodeIssued(state.MemberId, i.Code, i.At)),
        CreateReferralCampaign c when !ReferralCodes.IsWellFormed(c.Code) => Refuse("invalid-code", ReferralCodes.Rule),
        CreateReferralCampaign when state.Campaigns.Count >= MaxCampaigns => Refuse("too-many-campaigns", $"A member has at most {MaxCampaigns} campaigns."),
        CreateReferralCampaign c => Decision<ReferrerEvent>.Accept(new ReferralCampaignCreated(state.MemberId, c.Label, c.Code, c.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown referrer command."),
    };

    public static ReferrerState Evolve(ReferrerState state, ReferrerEvent e) => e switch
    {
        ReferralCodeIssued i => state with { PersonalCode = i.Code },
        ReferralCampaignCreated c => state with { Campaigns = new Dictionary<string, string>(state.Campaigns, StringComparer.Ordinal) { [c.Label] = c.Code } },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown referrer event."),
    };

    private static Decision<ReferrerEvent> Refuse(string code, string message) => Decision<ReferrerEvent>.Refuse(code, message);
}

/// <summary>
/// Codes are 8 characters of Crockford's base32 in lower case (40 random bits): short enough to read out, too
/// many to guess (a trillion, against a few thousand in use), and without i, l, o or u to misread.
/// </summary>
public static class ReferralCodes
{
    public const int Length = 8;
    public const string Rule = "A referral code is 8 characters of 0-9 and a-z without i, l, o or u.";
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>The code for five random bytes (40 bits, 5 bits a character).</summary>
    public static string Encode(ReadOnlySpan<byte> random)
    {
        if (random.Length != 5)
        {
            throw new ArgumentException("A code takes exactly 5 bytes.", nameof(random));
        }

        var bits = 0UL;
        foreach (var b in random)
        {
            bits = (bits << 8) | b;
        }

        return string.Create(Length, bits, static (chars, value) =>
        {
            for (var i = Length - 1; i >= 0; i--)
            {
                chars[i] = Alphabet[(int)(value & 31)];
                value >>= 5;
            }
        });
    }

    public static bool IsWellFormed(string code) => code.Length == Length && code.All(c => Alphabet.Contains(c, StringComparison.Ordinal));

    /// <summary>What people type: any case, surrounding spaces; null when it cannot be a code.</summary>
    public static string? Normalize(string? typed) =>
        typed?.Trim().ToLowerInvariant() is { } code && IsWellFormed(code) ? code : null;
}

/// <summary>Campaign labels appear in reports and links people share: 1–40 of a-z, 0-9 and '-'.</summary>
public static class CampaignLabels
{
    public const int MaxLength = 40;
    public const string Rule = "A campaign label is 1–40 characters: a-z, 0-9 or '-'.";

    public static bool IsValid(string label) => label.Length is >= 1 and <= MaxLength && label.All(c => char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c) || c == '-');
}
