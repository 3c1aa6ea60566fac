using BrandForum.Server.Categories;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Topics;

/// <summary>A post's permanent address: redirects to the topic page it is on, at the post (search results and profiles link here).</summary>
public sealed class PostLinkModel(PostReads posts) : PageModel
{
    public async Task<IActionResult> OnGetAsync(Guid postId, CancellationToken ct) =>
        await posts.SourceAsync(postId, Viewer.Of(User), ct) is { } post
            ? Redirect($"/t/{post.TopicId}{(post.Page == 1 ? "" : $"?page={post.Page}")}#post-{post.Number}")
            : this.NotFoundPage();
}
