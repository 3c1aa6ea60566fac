using BrandForum.Server.Categories;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Members;

/// <summary>The posts that mention the signed-in member, newest first (the header's bell counts new ones live).</summary>
[Authorize]
public sealed class MentionsModel(TopicReads topics) : PageModel
{
    public Paged<Mention> Mentions { get; private set; } = new([], 1, TopicReads.PageSize, 0);

    public int LastPage { get; private set; }

    public async Task OnGetAsync([FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Mentions = await topics.MentionsAsync(User.Identity!.Name!, Viewer.Of(User), Math.Max(1, pageNumber ?? 1), ct);
        LastPage = PagerView.LastPageOf(Mentions.Total, Mentions.PageSize);
    }
}
