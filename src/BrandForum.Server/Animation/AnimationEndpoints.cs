using System.Security.Claims;
using BrandForum.Server.Categories;
using BrandForum.Server.Http;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Animation;

public sealed record VoteRequest(int[]? Options);

public sealed record SolutionRequest(Guid? PostId);

public sealed record ContestRequest(DateTimeOffset? Deadline);

public sealed record WinnersRequest(Guid[]? PostIds);

/// <summary>Poll votes, solutions and contests (API.md, Community managers' toolkit; polls are asked with POST /api/topics).</summary>
public static class AnimationEndpoints
{
    public static IEndpointRouteBuilder MapAnimation(this IEndpointRouteBuilder app)
    {
        var small = new RequestSizeLimitAttribute(16 * 1024);
        app.MapPost("/api/polls/{pollId:guid}/votes", (Guid pollId, VoteRequest? body, ClaimsPrincipal user, AnimationCommands commands, CancellationToken ct) =>
            body?.Options is not { } options
                ? Task.FromResult(Problems.Invalid("options", "The indexes of the chosen options are required."))
                : Problems.NoContentOr(commands.VoteAsync(Viewer.Of(user), pollId, options, ct))).RequireAuthorization().WithMetadata(small);

        var topics = app.MapGroup("/api/topics/{topicId:guid}").RequireAuthorization().WithMetadata(small);
        topics.MapPost("/solution", (Guid topicId, SolutionRequest? body, ClaimsPrincipal user, AnimationCommands commands, CancellationToken ct) =>
            body?.PostId is not { } postId
                ? Task.FromResult(Problems.Invalid("postId", "The id of the reply that solves the topic is required."))
                : Problems.NoContentOr(commands.SolveAsync(Viewer.Of(user), topicId, postId, ct)));
        topics.MapDelete("/solution", (Guid topicId, ClaimsPrincipal user, AnimationCommands commands, CancellationToken ct) =>
            Problems.NoContentOr(commands.SolveAsync(Viewer.Of(user), topicId, null, ct)));
        topics.MapPut("/contest", (Guid topicId, ContestRequest? body, ClaimsPrincipal user, AnimationCommands commands, CancellationToken ct) =>
            body?.Deadline is not { } deadline
                ? Task.FromResult(Problems.Invalid("deadline", "A deadline is required."))
                : Problems.NoContentOr(commands.SetContestAsync(Viewer.Of(user), topicId, deadline, ct)));
        topics.MapPost("/contest/winners", (Guid topicId, WinnersRequest? body, ClaimsPrincipal user, AnimationCommands commands, CancellationToken ct) =>
            body?.PostIds is not { } postIds
                ? Task.FromResult(Problems.Invalid("postIds", "The ids of the winning posts are required."))
                : Problems.NoContentOr(commands.PickWinnersAsync(Viewer.Of(user), topicId, postIds, ct)));
        return app;
    }
}
