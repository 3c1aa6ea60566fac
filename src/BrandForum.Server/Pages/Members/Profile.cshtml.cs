using BrandForum.Server.Badges;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Members;

/// <summary>A member's public profile, their badges and their latest posts.</summary>
public sealed class ProfileModel(MemberCards cards, PostReads posts, BadgeReads badges) : PageModel
{
    public MemberCard Card { get; private set; } = null!;

    public Paged<AuthoredPost> Posts { get; private set; } = null!;

    public int LastPage { get; private set; }

    public IReadOnlyList<HeldBadge> Badges { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string userName, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        if (pageNumber is < 1 || await cards.FindByUserNameAsync(userName, ct) is not { } card)
        {
            return this.NotFoundPage();
        }

        Card = card;
        Posts = await posts.ByAuthorAsync(card.MemberId, Viewer.Of(User), pageNumber ?? 1, ct);
        LastPage = PagerView.LastPageOf(Posts.Total, Posts.PageSize);
        Badges = await badges.OfMemberAsync(card.MemberId, ct);
        return Page();
    }
}
