using BrandForum.Domain.Referrals;

namespace BrandForum.Domain.Tests.Referrals;

public sealed class AmbassadorSuggestionsTests
{
    private static SuggestionCandidate Candidate(string name, int helpful = 0, long reactions = 0, int referrals = 0, int trust = 2, bool sanctioned = false, bool ambassador = false) =>
        new(Guid.NewGuid(), name, helpful, reactions, referrals, trust, sanctioned, ambassador);

    [Fact]
    public void RanksHelpersAndRecruitersWithTheirReasons()
    {
        var ranked = AmbassadorSuggestions.Rank([Candidate("reacted", reactions: 20), Candidate("helper", helpful: 5, reactions: 8), Candidate("recruiter", referrals: 3)], 10);

        Assert.Equal(["recruiter", "helper", "reacted"], ranked.Select(s => s.UserName)); // 30, 23, 20
        Assert.Equal([new SuggestionReason("helpful-replies", 5), new SuggestionReason("reactions-received", 8), new SuggestionReason("trust-level", 2)], ranked[1].Reasons);
    }

    [Fact]
    public void LeavesOutTheUntrustedTheRecentlySanctionedAmbassadorsAndTheInactive()
    {
        var ranked = AmbassadorSuggestions.Rank(
            [Candidate("new", reactions: 50, trust: 1), Candidate("banned", reactions: 50, sanctioned: true), Candidate("amb", reactions: 50, ambassador: true), Candidate("quiet"), Candidate("ok", reactions: 1)],
            10);

        Assert.Equal(["ok"], ranked.Select(s => s.UserName));
        Assert.Single(AmbassadorSuggestions.Rank([Candidate("a", reactions: 2), Candidate("b", reactions: 1)], 1));
    }
}
