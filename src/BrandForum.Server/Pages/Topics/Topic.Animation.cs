using System.Globalization;
using BrandForum.Server.Animation;
using BrandForum.Server.Localization;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Pages.Topics;

/// <summary>The topic page's forms for its poll, solution and contest (each a POST that redirects back).</summary>
public sealed partial class TopicModel
{
    public async Task<IActionResult> OnPostVoteAsync(Guid topicId, int[]? options, [FromQuery(Name = "page")] int? pageNumber, [FromServices] AnimationCommands animation, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        if (await topics.PageAsync(topicId, 1, Reader, ct) is not { Poll: { } poll })
        {
            return this.NotFoundPage();
        }

        var refused = await animation.VoteAsync(Reader, poll.PollId, options ?? [], ct);
        return Back(topicId, pageNumber, refused, t["Your vote is counted."], "#poll-question");
    }

    /// <summary>Marks a reply as the solution, or undoes it (<paramref name="undo"/>).</summary>
    public async Task<IActionResult> OnPostSolutionAsync(Guid topicId, Guid? postId, bool undo, [FromQuery(Name = "page")] int? pageNumber, [FromServices] AnimationCommands animation, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        if (!undo && postId is null)
        {
            return BadRequest();
        }

        var refused = await animation.SolveAsync(Reader, topicId, undo ? null : postId, ct);
        return Back(topicId, pageNumber, refused, undo ? t["The solution is undone."] : t["The reply is marked as the solution."], "");
    }

    /// <summary>Sets the contest's deadline, entered in UTC (a form without script cannot know the reader's time zone).</summary>
    public async Task<IActionResult> OnPostContestAsync(Guid topicId, string? deadline, [FromQuery(Name = "page")] int? pageNumber, [FromServices] AnimationCommands animation, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        if (!DateTime.TryParse(deadline, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc))
        {
            return Back(topicId, pageNumber, new BrandForum.Server.Members.Refusal("invalid-deadline", "A contest's deadline is in the future.", "deadline"), "", "");
        }

        var refused = await animation.SetContestAsync(Reader, topicId, new DateTimeOffset(utc, TimeSpan.Zero), ct);
        return Back(topicId, pageNumber, refused, t["The contest is set."], "");
    }

    public async Task<IActionResult> OnPostWinnerAsync(Guid topicId, Guid postId, [FromQuery(Name = "page")] int? pageNumber, [FromServices] AnimationCommands animation, CancellationToken ct)
    {
        if (!SignedIn)
        {
            return Challenge();
        }

        var refused = await animation.PickWinnersAsync(Reader, topicId, [postId], ct);
        return Back(topicId, pageNumber, refused, t["The winner is picked and gets the Contest Winner badge."], "");
    }

    private IActionResult Back(Guid topicId, int? page, BrandForum.Server.Members.Refusal? refused, string done, string anchor)
    {
        if (refused?.Code is "topic-not-found")
        {
            return this.NotFoundPage();
        }

        Message = refused is null ? done : t.Refusal(refused);
        return Redirect($"/t/{topicId}?page={page ?? 1}{anchor}");
    }
}
