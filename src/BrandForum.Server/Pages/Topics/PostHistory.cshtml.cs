using BrandForum.Server.Categories;
using BrandForum.Server.Content;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Topics;

/// <summary>Every version of a post with who changed it, when and why; a deleted post's history is for staff only.</summary>
public sealed class PostHistoryModel(TopicReads topics, PostReads posts, MarkdownRenderer renderer) : PageModel
{
    public PostSource Post { get; private set; } = null!;

    /// <summary>Newest first, each rendered as the post looked then.</summary>
    public IReadOnlyList<(PostRevision Revision, string Html)> Revisions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid postId, CancellationToken ct)
    {
        var viewer = Viewer.Of(User);
        if (await posts.SourceAsync(postId, viewer, ct) is not { } post || await topics.RevisionsAsync(postId, viewer, ct) is not { } revisions)
        {
            return this.NotFoundPage();
        }

        Post = post;
        Revisions = [.. revisions.OrderByDescending(r => r.Revision).Select(r => (r, renderer.Render(r.Body)))];
        return Page();
    }
}
