using System.Security.Claims;
using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.Server.Categories;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Moderation;

public sealed record FlagRequest(string? Reason, string? Note);

public sealed record DecisionRequest(string? Decision, string? Reason, SanctionRequest? Sanction);

/// <summary>Flags, the review queue with claims and decisions, and topic slow mode (API.md, Moderation).</summary>
public static class ReviewEndpoints
{
    public static IEndpointRouteBuilder MapReview(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/posts/{postId:guid}/flags", async (Guid postId, FlagRequest? body, ClaimsPrincipal user, ReviewCommands review, CancellationToken ct) =>
            FlagReasons.Parse(body?.Reason) is not { } reason
                ? Problems.Invalid("reason", "A reason is one of spam, inappropriate, off-topic, harassment, other (with a note).")
                : await review.FlagAsync(Viewer.Of(user), postId, reason, body!.Note, ct) is { } refused
                    ? refused.Code == "topic-not-found" ? Problems.Problem(StatusCodes.Status404NotFound, "There is no such post.", "post-not-found") : Problems.From(refused)
                    : Results.Created($"/api/posts/{postId}", new { postId }))
            .RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(8 * 1024));

        var staff = app.MapGroup("/api").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(8 * 1024));
        staff.MapGet("/moderation/queue", async (int? page, ReviewReads reviews, CancellationToken ct) =>
        {
            if (page is < 1)
            {
                return Problems.Invalid("page", "Pages count from 1.");
            }

            var queue = await reviews.OpenAsync(page ?? 1, ct);
            return Results.Ok(new { items = queue.Items, page = queue.Page, pageSize = queue.PageSize, total = queue.Total });
        });
        staff.MapGet("/moderation/queue/{itemId:guid}", async (Guid itemId, ReviewReads reviews, AuthorHistory history, CancellationToken ct) =>
            await reviews.FindOpenAsync(itemId, ct) is { } item
                ? Results.Ok(new { item, author = await history.OfAsync(item.Author.MemberId, ct) })
                : ItemNotFound());
        staff.MapPost("/moderation/queue/{itemId:guid}/claim", (Guid itemId, ClaimsPrincipal user, ReviewCommands review, CancellationToken ct) =>
            NoContentOr(review.ClaimAsync(Viewer.Of(user), itemId, true, ct)));
        staff.MapDelete("/moderation/queue/{itemId:guid}/claim", (Guid itemId, ClaimsPrincipal user, ReviewCommands review, CancellationToken ct) =>
            NoContentOr(review.ClaimAsync(Viewer.Of(user), itemId, false, ct)));
        staff.MapPost("/moderation/queue/{itemId:guid}/decision", async (Guid itemId, DecisionRequest? body, ClaimsPrincipal user, ReviewCommands review, CancellationToken ct) =>
        {
            if (!Enum.TryParse<ReviewDecision>(body?.Decision, ignoreCase: true, out var decision) || !body!.Decision!.All(char.IsAsciiLetterLower))
            {
                return Problems.Invalid("decision", "A decision is approve, reject, keep or hide.");
            }

            SanctionWith? sanction = null;
            if (body.Sanction is { } asked)
            {
                if (!Enum.TryParse<SanctionKind>(asked.Kind, ignoreCase: true, out var kind) || !asked.Kind!.All(char.IsAsciiLetterLower) || string.IsNullOrWhiteSpace(asked.Reason))
                {
                    return Problems.Invalid("sanction", "A sanction has a kind (warn, silence, suspend, ban) and a reason the member will read.");
                }

                sanction = new SanctionWith(kind, asked.Hours, asked.Reason);
            }

            return await NoContentOr(review.DecideAsync(Viewer.Of(user), itemId, decision, body.Reason, sanction, ct));
        });
        staff.MapPut("/topics/{topicId:guid}/slow-mode", (Guid topicId, SlowModeRequest? body, ClaimsPrincipal user, TopicCommands commands, CancellationToken ct) =>
            body?.Seconds is not { } seconds
                ? Task.FromResult(Problems.Invalid("seconds", "Seconds between a member's posts in this topic (0: off) are required."))
                : NoContentOr(commands.ActAsync(Viewer.Of(user), topicId, (by, at) => new SetSlowMode(seconds, by, at), ct)));
        return app;
    }

    private static async Task<IResult> NoContentOr(Task<Refusal?> acting) => await acting switch
    {
        null => Results.NoContent(),
        { Code: "item-not-found" or "post-not-found" } => ItemNotFound(),
        { Code: "invalid-seconds" } refused => Problems.Invalid("seconds", refused.Message),
        var refused => Problems.From(refused),
    };

    private static IResult ItemNotFound() => Problems.Problem(StatusCodes.Status404NotFound, "There is no such item in the review queue.", "item-not-found");
}
