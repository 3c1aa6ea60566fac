using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

/// <summary>What a moderator weighs before deciding on someone's post: who they are, their trust, past sanctions, recent posts, flags upheld against them.</summary>
public sealed record AuthorRecord(
    Guid MemberId, string? UserName, DateTimeOffset? JoinedAt, int TrustLevel, int UpheldFlagsAgainst, IReadOnlyList<SanctionView> Sanctions, IReadOnlyList<AuthoredPost> RecentPosts);

public sealed class AuthorHistory(MemberCards cards, MemberStanding standing, SanctionReads sanctions, ReviewReads reviews, PostReads posts)
{
    private const int RecentPosts = 5;

    public async Task<AuthorRecord> OfAsync(Guid memberId, CancellationToken ct)
    {
        var card = await cards.FindAsync(memberId, ct);
        var recent = await posts.ByAuthorAsync(memberId, Viewer.Staff, 1, ct);
        return new AuthorRecord(
            memberId, card?.UserName, card?.JoinedAt, await standing.TrustLevelAsync(memberId, ct), await reviews.UpheldFlagsAgainstAsync(memberId, ct),
            await sanctions.OfMemberAsync(memberId, ct), [.. recent.Items.Take(RecentPosts)]);
    }
}
