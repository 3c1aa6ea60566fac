namespace BrandForum.Domain.Moderation;

/// <summary>What a member has done, counted by the server from the log and read markers.</summary>
public sealed record MemberActivity(
    int TopicsEntered,
    int PostsRead,
    int DaysVisited,
    int DaysVisitedLast100,
    int TopicsRepliedTo,
    int LikesGiven,
    int LikesReceived,
    int UpheldFlagsAgainst,
    bool SanctionedLast100Days);

/// <summary>The thresholds to reach each level; the defaults follow Discourse's (README, "Trust levels").</summary>
public sealed record TrustThresholds(
    int Level1TopicsEntered = 5,
    int Level1PostsRead = 30,
    int Level2DaysVisited = 15,
    int Level2TopicsEntered = 20,
    int Level2PostsRead = 100,
    int Level2LikesGiven = 1,
    int Level2LikesReceived = 1,
    int Level2TopicsRepliedTo = 3,
    int Level3DaysVisitedLast100 = 50,
    int Level3TopicsRepliedTo = 10,
    int Level3PostsRead = 500,
    int Level3LikesGiven = 30,
    int Level3LikesReceived = 20,
    int Level3MaxUpheldFlags = 5,
    int BootstrapMembers = 50);

/// <summary>
/// Trust levels 0–4 from activity: 0 new, 1 basic, 2 member, 3 regular, 4 leader (granted by hand only).
/// While the community is small (fewer than <see cref="TrustThresholds.BootstrapMembers"/> members) newcomers
/// start at 1, so a young forum is not all held posts. A recent sanction or too many upheld flags keep a member
/// below 3.
/// </summary>
public static class TrustLevels
{
    public const int Max = 4;

    public static int Compute(MemberActivity a, int communityMembers, int? grantedByHand = null, TrustThresholds? thresholds = null)
    {
        if (grantedByHand is { } granted)
        {
            return Math.Clamp(granted, 0, Max);
        }

        var t = thresholds ?? new TrustThresholds();
        var level1 = communityMembers < t.BootstrapMembers || (a.TopicsEntered >= t.Level1TopicsEntered && a.PostsRead >= t.Level1PostsRead);
        var level2 = level1 && a.DaysVisited >= t.Level2DaysVisited && a.TopicsEntered >= t.Level2TopicsEntered && a.PostsRead >= t.Level2PostsRead
                     && a.LikesGiven >= t.Level2LikesGiven && a.LikesReceived >= t.Level2LikesReceived && a.TopicsRepliedTo >= t.Level2TopicsRepliedTo;
        var level3 = level2 && a.DaysVisitedLast100 >= t.Level3DaysVisitedLast100 && a.TopicsRepliedTo >= t.Level3TopicsRepliedTo
                     && a.PostsRead >= t.Level3PostsRead && a.LikesGiven >= t.Level3LikesGiven && a.LikesReceived >= t.Level3LikesReceived
                     && a.UpheldFlagsAgainst <= t.Level3MaxUpheldFlags && !a.SanctionedLast100Days;
        return level3 ? 3 : level2 ? 2 : level1 ? 1 : 0;
    }

    /// <summary>How much a member's flag weighs: 1 + their level (staff 5), less for those whose flags are mostly rejected.</summary>
    public static double FlagWeight(int trustLevel, bool isStaff, int flagsUpheld, int flagsRejected)
    {
        var weight = isStaff ? 5.0 : 1 + trustLevel;
        var decided = flagsUpheld + flagsRejected;
        return decided >= 5 && flagsRejected > flagsUpheld ? weight * Math.Max(0.2, (double)flagsUpheld / decided) : weight;
    }
}

/// <summary>
/// An admin sets a member's trust level by hand (level 4, "leader", is only ever granted so), or gives it back to
/// the computation (<see cref="Level"/> null). Kept in the member's <c>trust-{memberId}</c> stream; the latest counts.
/// </summary>
public sealed record TrustLevelGranted(Guid MemberId, int? Level, Guid By, DateTimeOffset At);
