namespace BrandForum.Domain.Referrals;

/// <summary>A member's activity as the suggestions weigh it, gathered by the server.</summary>
/// <param name="HelpfulReplies">Replies of theirs (not opening posts) that others reacted to.</param>
/// <param name="RecentlySanctioned">Sanctioned within <see cref="AmbassadorSuggestions.SanctionFreeDays"/>.</param>
public sealed record SuggestionCandidate(
    Guid MemberId, string UserName, int HelpfulReplies, long ReactionsReceived, int ActivatedReferrals, int TrustLevel, bool RecentlySanctioned, bool IsAmbassador);

/// <summary>One reason a member is suggested: what (<c>helpful-replies</c>, <c>reactions-received</c>, <c>activated-referrals</c>, <c>trust-level</c>) and how much.</summary>
public sealed record SuggestionReason(string Reason, long Count);

public sealed record AmbassadorSuggestion(Guid MemberId, string UserName, long Score, IReadOnlyList<SuggestionReason> Reasons);

/// <summary>
/// Members who look like future ambassadors — the seeds' "identify the influencers": they help (replies others react
/// to weigh most, then reactions received), they already bring people who stay (activated referrals), they are trusted
/// (level 2 or more) and have had no sanction lately; ambassadors already in the programme are left out.
/// </summary>
public static class AmbassadorSuggestions
{
    public const int MinTrustLevel = 2;
    public const int SanctionFreeDays = 90;
    public const int HelpfulReplyWeight = 3;
    public const int ActivatedReferralWeight = 10;

    public static IReadOnlyList<AmbassadorSuggestion> Rank(IEnumerable<SuggestionCandidate> candidates, int limit) =>
    [
        .. candidates
            .Where(c => c.TrustLevel >= MinTrustLevel && !c.RecentlySanctioned && !c.IsAmbassador)
            .Select(c => new AmbassadorSuggestion(c.MemberId, c.UserName, Score(c), Reasons(c)))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score).ThenBy(s => s.UserName, StringComparer.Ordinal)
            .Take(limit),
    ];

    public static long Score(SuggestionCandidate c) =>
        (c.HelpfulReplies * (long)HelpfulReplyWeight) + c.ReactionsReceived + (c.ActivatedReferrals * (long)ActivatedReferralWeight);

    private static IReadOnlyList<SuggestionReason> Reasons(SuggestionCandidate c) =>
    [
        .. new[]
        {
            new SuggestionReason("helpful-replies", c.HelpfulReplies),
            new SuggestionReason("reactions-received", c.ReactionsReceived),
            new SuggestionReason("activated-referrals", c.ActivatedReferrals),
        }.Where(r => r.Count > 0),
        new SuggestionReason("trust-level", c.TrustLevel),
    ];
}
