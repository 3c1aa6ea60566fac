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

    /// <summary>The optional poll: asked when a question is given.</summary>
    [BindProperty]
    public string? PollQuestion { get; set; }

    /// <summary>One option per line.</summary>
    [BindProperty]
    public string? PollOptions { get; set; }

    [BindProperty]
    public bool PollMultiple { get; set; }

    /// <summary>A UTC instant from a datetime-local field (a form without script cannot know the reader's time zone).</summary>
    [BindProperty]
    public string? PollClosesAt { get; set; }

    [BindProperty]
    public string? PollResults { get; set; }

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

        var (started, refused) = await commands.StartAsync(Viewer.Of(User), Category, Title ?? "", text, ct, Poll());
        if (started is { } topic)
        {
            return Redirect($"/t/{topic.TopicId}");
        }

        var field = refused!.Field switch { "title" => nameof(Title), "body" => nameof(Body), { } f when f.StartsWith("poll", StringComparison.Ordinal) => "Poll", _ => refused.Code.StartsWith("category", StringComparison.Ordinal) ? nameof(Category) : "" };
        ModelState.AddModelError(field, t.Refusal(refused));
        Response.StatusCode = refused.RetryAfter is null ? Problems.StatusFor(refused.Code) : StatusCodes.Status429TooManyRequests;
        return Page();
    }

    /// <summary>The poll to ask, when a question is given; the decider checks it (an unreadable closing time reads as one in the past).</summary>
    private Func<Guid, BrandForum.Domain.Topics.NewPoll>? Poll()
    {
        if (string.IsNullOrWhiteSpace(PollQuestion))
        {
            return null;
        }

        var options = (PollOptions ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        DateTimeOffset? closes = string.IsNullOrWhiteSpace(PollClosesAt) ? null
            : DateTime.TryParse(PollClosesAt, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var utc)
                ? new DateTimeOffset(utc, TimeSpan.Zero)
                : DateTimeOffset.MinValue;
        var results = Animation.PollView.ParseResults(PollResults) ?? BrandForum.Domain.Topics.PollResults.Always;
        return id => new BrandForum.Domain.Topics.NewPoll(id, PollQuestion, options, PollMultiple, closes, results);
    }
}
