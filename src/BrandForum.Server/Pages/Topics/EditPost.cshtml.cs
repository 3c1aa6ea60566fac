using BrandForum.Domain.Topics;
using BrandForum.Server.Categories;
using BrandForum.Server.Content;
using BrandForum.Server.Http;
using BrandForum.Server.Localization;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Topics;

/// <summary>Edits a post (its author within 24 hours, staff always: the decider has the last word) with an optional reason.</summary>
[Authorize]
public sealed class EditPostModel(PostReads posts, TopicCommands commands, MarkdownRenderer renderer, IStringLocalizer<Texts> t) : PageModel
{
    public PostSource Post { get; private set; } = null!;

    [BindProperty]
    public string? Body { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public string? PreviewHtml { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid postId, CancellationToken ct)
    {
        if (await posts.SourceAsync(postId, Viewer.Of(User), ct) is not { Deleted: false } post)
        {
            return this.NotFoundPage();
        }

        Post = post;
        Body = post.Markdown;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid postId, bool preview, CancellationToken ct)
    {
        if (await posts.SourceAsync(postId, Viewer.Of(User), ct) is not { Deleted: false } post)
        {
            return this.NotFoundPage();
        }

        Post = post;
        var text = Body ?? "";
        if (preview)
        {
            PreviewHtml = this.Preview(renderer, text);
            return Page();
        }

        var reason = string.IsNullOrWhiteSpace(Reason) ? null : Reason.Trim();
        if (await commands.ActAsync(Viewer.Of(User), post.TopicId, (by, at) => new EditPost(postId, text, reason, by, at), ct) is { } refused)
        {
            ModelState.AddModelError(refused.Field is "body" ? nameof(Body) : "", t.Refusal(refused));
            Response.StatusCode = Problems.StatusFor(refused.Code);
            return Page();
        }

        return Redirect($"/t/{post.TopicId}{(post.Page == 1 ? "" : $"?page={post.Page}")}#post-{post.Number}");
    }
}
