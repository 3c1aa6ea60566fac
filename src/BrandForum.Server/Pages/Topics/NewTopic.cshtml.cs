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

/// <summary>Starts a topic: a category, a title and the opening post, with a preview.</summary>
[Authorize]
public sealed class NewTopicModel(CategoryReads categories, TopicCommands commands, MarkdownRenderer renderer, IStringLocalizer<Texts> t) : PageModel
{
    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    [BindProperty]
    public string? Title { get; set; }

    [BindProperty]
    public string? Body { get; set; }

    public string? PreviewHtml { get; private set; }

    public async Task OnGetAsync(CancellationToken ct) => Categories = await categories.AllAsync(Viewer.Of(User), ct);

    public async Task<IActionResult> OnPostAsync(bool preview, CancellationToken ct)
    {
        Categories = await categories.AllAsync(Viewer.Of(User), ct);
        var text = Body ?? "";
        if (preview)
        {
            PreviewHtml = this.Preview(renderer, text);
            return Page();
        }

        if (string.IsNullOrEmpty(Category))
        {
            ModelState.AddModelError(nameof(Category), t["Choose a category."]);
            return Page();
        }

        var (started, refused) = await commands.StartAsync(Viewer.Of(User), Category, Title ?? "", text, ct);
        if (started is { } topic)
        {
            return Redirect($"/t/{topic.TopicId}");
        }

        var field = refused!.Field switch { "title" => nameof(Title), "body" => nameof(Body), _ => refused.Code.StartsWith("category", StringComparison.Ordinal) ? nameof(Category) : "" };
        ModelState.AddModelError(field, t.Refusal(refused));
        Response.StatusCode = refused.RetryAfter is null ? Problems.StatusFor(refused.Code) : StatusCodes.Status429TooManyRequests;
        return Page();
    }
}
