using BrandForum.Domain.Moderation;

namespace BrandForum.Domain.Tests.Moderation;

public sealed class TrustLevelTests
{
    private static readonly MemberActivity Nothing = new(0, 0, 0, 0, 0, 0, 0, 0, false);
    private static readonly MemberActivity Basic = Nothing with { TopicsEntered = 5, PostsRead = 30 };
    private static readonly MemberActivity Member = new(20, 100, 15, 15, 3, 1, 1, 0, false);
    private static readonly MemberActivity Regular = new(200, 600, 80, 60, 12, 40, 25, 1, false);

    [Fact]
    public void LevelsFollowActivity()
    {
        Assert.Equal(0, TrustLevels.Compute(Nothing, communityMembers: 500));
        Assert.Equal(1, TrustLevels.Compute(Basic, 500));
        Assert.Equal(2, TrustLevels.Compute(Member, 500));
        Assert.Equal(3, TrustLevels.Compute(Regular, 500));
        Assert.Equal(1, TrustLevels.Compute(Member with { LikesReceived = 0 }, 500));
    }

    [Fact]
    public void ASmallCommunityStartsNewcomersAtOne() =>
        Assert.Equal(1, TrustLevels.Compute(Nothing, communityMembers: 12));

    [Fact]
    public void SanctionsAndUpheldFlagsKeepAMemberBelowRegular()
    {
        Assert.Equal(2, TrustLevels.Compute(Regular with { SanctionedLast100Days = true }, 500));
        Assert.Equal(2, TrustLevels.Compute(Regular with { UpheldFlagsAgainst = 6 }, 500));
    }

    [Fact]
    public void LeadersAreNamedByHand()
    {
        Assert.Equal(4, TrustLevels.Compute(Nothing, 500, grantedByHand: 4));
        Assert.Equal(3, TrustLevels.Compute(Regular, 500, thresholds: new TrustThresholds(Level3LikesGiven: 10)));
    }

    [Fact]
    public void FlagsWeighByTrustAndTrackRecord()
    {
        Assert.Equal(1, TrustLevels.FlagWeight(0, false, 0, 0));
        Assert.Equal(4, TrustLevels.FlagWeight(3, false, 10, 2));
        Assert.Equal(5, TrustLevels.FlagWeight(0, true, 0, 0));
        Assert.Equal(4 * 0.25, TrustLevels.FlagWeight(3, false, 2, 6));
    }
}
