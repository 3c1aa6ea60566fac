using System.Security.Claims;
using BrandForum.Domain.Topics;
using BrandForum.Server.Categories;
using BrandForum.Server.Content;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Topics;

public sealed record StartTopicRequest(string? Category, string? Title, string? Body, PollRequest? Poll = null);

/// <summary>A poll asked with a new topic; <see cref="Results"/>: "always" (default), "onVote" or "onClose".</summary>
public sealed record PollRequest(string? Question, string[]? Options, bool? Multiple, DateTimeOffset? ClosesAt, string? Results)
{
    /// <summary>The poll for the decider (which checks lengths and times), or null when a field cannot even be read.</summary>
    public Func<Guid, NewPoll>? ToNewPoll() =>
        Animation.PollView.ParseResults(Results) is { } results
            ? id => new NewPoll(id, Question ?? "", Options ?? [], Multiple ?? false, ClosesAt, results)
            : null;
}

public sealed record ReplyRequest(string? Body, Guid? ReplyTo);

public sealed record EditRequest(string? Body, string? Reason);

public sealed record MoveRequest(string? Category);

public sealed record ReadRequest(int? LastReadPostNumber);

/// <summary>Topic lists, topic pages, starting topics, replying and acting on posts (API.md, Discussions).</summary>
public static class DiscussionEndpoints
{
    /// <summary>A post is at most 32,000 characters; with JSON escaping and UTF-8, 160 kB covers any valid one.</summary>
    private const int MaxBodyBytes = 160 * 1024;

    public static IEndpointRouteBuilder MapDiscussions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories/{slug}/topics", ListTopicsAsync);
        app.MapGet("/api/me/mentions", async (int? page, ClaimsPrincipal user, TopicReads reads, CancellationToken ct) =>
            page is < 1 ? Problems.Invalid("page", "Pages count from 1.")
            : Paged(await reads.MentionsAsync(user.Identity!.Name!, Viewer.Of(user), page ?? 1, ct))).RequireAuthorization();

        var topics = app.MapGroup("/api/topics").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        topics.MapPost("/", StartTopicAsync).RequireAuthorization();
        topics.MapGet("/{topicId:guid}", async (Guid topicId, int? page, DateTimeOffset? asOf, ClaimsPrincipal user, TopicPageCache pages, TopicHistory history, CancellationToken ct) =>
            page is < 1 ? Problems.Invalid("page", "Pages count from 1.")
            : asOf is { } instant ? await AsOfAsync(topicId, instant, Viewer.Of(user), history, ct)
            : await pages.JsonAsync(topicId, page ?? 1, Viewer.Of(user), ct) is { } json ? Results.Bytes(json, "application/json; charset=utf-8")
            : Problems.Problem(StatusCodes.Status404NotFound, "There is no such topic.", "topic-not-found"));
        topics.MapPost("/{topicId:guid}/posts", ReplyAsync).RequireAuthorization();
        topics.MapPut("/{topicId:guid}/read", async (Guid topicId, ReadRequest? body, ClaimsPrincipal user, TopicReads reads, CancellationToken ct) =>
            body?.LastReadPostNumber is not { } number || number < 0 ? Problems.Invalid("lastReadPostNumber", "The number of the last post read (0 or more) is required.")
            : await reads.MayEnterTopicAsync(topicId, Viewer.Of(user), ct) && await reads.MarkReadAsync(MemberPrincipal.MemberId(user)!.Value, topicId, number, ct)
                ? Results.NoContent()
                : Problems.Problem(StatusCodes.Status404NotFound, "There is no such topic.", "topic-not-found")).RequireAuthorization();
        foreach (var (action, make) in new (string, Func<Actor, DateTimeOffset, TopicCommand>)[]
        {
            ("lock", (by, at) => new LockTopic(true, by, at)),
            ("unlock", (by, at) => new LockTopic(false, by, at)),
            ("pin", (by, at) => new PinTopic(true, by, at)),
            ("unpin", (by, at) => new PinTopic(false, by, at)),
        })
        {
            topics.MapPost($"/{{topicId:guid}}/{action}", (Guid topicId, ClaimsPrincipal user, TopicCommands commands, CancellationToken ct) =>
                NoContentOrProblem(commands.ActAsync(Viewer.Of(user), topicId, make, ct))).RequireAuthorization();
        }

        topics.MapPost("/{topicId:guid}/move", (Guid topicId, MoveRequest? body, ClaimsPrincipal user, TopicCommands commands, CancellationToken ct) =>
            body?.Category is not { } category
                ? Task.FromResult(Problems.Invalid("category", "The category's slug is required."))
                : NoContentOrProblem(commands.MoveAsync(Viewer.Of(user), topicId, category, ct))).RequireAuthorization();

        var posts = app.MapGroup("/api/posts/{postId:guid}").RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        posts.MapPut("/", (Guid postId, EditRequest? body, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, CancellationToken ct) =>
            body?.Body is not { } text
                ? Task.FromResult(Problems.Invalid("body", "A body is required."))
                : OnPostAsync(postId, user, reads, commands, (by, at) => new EditPost(postId, text, body.Reason, by, at), Results.Ok(new { postId }), ct));
        posts.MapDelete("/", (Guid postId, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, CancellationToken ct) =>
            OnPostAsync(postId, user, reads, commands, (by, at) => new DeletePost(postId, by, at), null, ct));
        posts.MapGet("/revisions", async (Guid postId, ClaimsPrincipal user, TopicReads reads, CancellationToken ct) =>
            await reads.RevisionsAsync(postId, Viewer.Of(user), ct) is { } revisions
                ? Results.Ok(revisions)
                : Problems.Problem(StatusCodes.Status404NotFound, "There is no such post.", "post-not-found")).AllowAnonymous();
        posts.MapPost("/restore", (Guid postId, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, CancellationToken ct) =>
            OnPostAsync(postId, user, reads, commands, (by, at) => new RestorePost(postId, by, at), null, ct));
        foreach (var (method, add) in new[] { ("PUT", true), ("DELETE", false) })
        {
            posts.MapMethods("/reactions/{kind}", [method], (Guid postId, string kind, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, ReactionKinds kinds, CancellationToken ct) =>
                OnPostAsync(postId, user, reads, commands, (by, at) => new React(postId, kind, add, kinds.Allowed, by, at), null, ct));
        }

        return app;
    }

    private static IResult Paged<T>(Paged<T> paged) => Results.Ok(new { items = paged.Items, page = paged.Page, pageSize = paged.PageSize, total = paged.Total });

    private static async Task<IResult> NoContentOrProblem(Task<Refusal?> acting) =>
        await acting is { } refused ? Problems.From(refused) : Results.NoContent();

    /// <summary>Finds the post's topic, then acts on it; 204 (or <paramref name="done"/>) when it worked. A post the viewer may not see is not found.</summary>
    private static async Task<IResult> OnPostAsync(
        Guid postId, ClaimsPrincipal user, TopicReads reads, TopicCommands commands, Func<Actor, DateTimeOffset, TopicCommand> command, IResult? done, CancellationToken ct) =>
        await reads.TopicOfPostAsync(postId, ct) is not { } topicId ? PostNotFound()
        : await commands.ActAsync(Viewer.Of(user), topicId, command, ct) is { } refused ? refused.Code == "topic-not-found" ? PostNotFound() : Problems.From(refused)
        : done ?? Results.NoContent();

    /// <summary>Time travel (staff): the topic as it was at <paramref name="asOf"/>, whole, rebuilt from the log.</summary>
    private static async Task<IResult> AsOfAsync(Guid topicId, DateTimeOffset asOf, Viewer viewer, TopicHistory history, CancellationToken ct) =>
        !viewer.IsStaff ? Problems.Problem(StatusCodes.Status403Forbidden, "Only staff see a topic as it was.", "not-allowed")
        : await history.AsOfAsync(topicId, asOf, viewer, ct) is { } then ? Results.Ok(then)
        : Problems.Problem(StatusCodes.Status404NotFound, "There was no such topic then.", "topic-not-found");

    private static IResult PostNotFound() => Problems.Problem(StatusCodes.Status404NotFound, "There is no such post.", "post-not-found");

    private static async Task<IResult> ListTopicsAsync(string slug, int? page, ClaimsPrincipal user, CategoryReads categories, TopicReads reads, CancellationToken ct)
    {
        if (page is < 1)
        {
            return Problems.Invalid("page", "Pages count from 1.");
        }

        var viewer = Viewer.Of(user);
        return await categories.FindVisibleAsync(slug, viewer, ct) is null
            ? Problems.Problem(StatusCodes.Status404NotFound, "There is no such category.", "category-not-found")
            : Paged(await reads.ListAsync(slug, page ?? 1, viewer, ct));
    }

    private static async Task<IResult> StartTopicAsync(StartTopicRequest? body, ClaimsPrincipal user, TopicCommands commands, MarkdownRenderer renderer, CancellationToken ct)
    {
        if (body is not { Category: { } category, Title: { } title, Body: { } text })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["category"] = ["The category's slug is required."], ["title"] = ["A title is required."], ["body"] = ["A body is required."],
            });
        }

        var poll = body.Poll?.ToNewPoll();
        if (body.Poll is not null && poll is null)
        {
            return Problems.Invalid("poll.results", "Results show \"always\", \"onVote\" or \"onClose\".");
        }

        RenderAhead(renderer, text);
        var (started, refused) = await commands.StartAsync(Viewer.Of(user), category, title, text, ct, poll);
        return started is { } s
            ? Results.Created($"/api/topics/{s.TopicId}", new { topicId = s.TopicId, postId = s.PostId, status = s.Status, message = s.Message })
            : Problems.From(refused!);
    }

    private static async Task<IResult> ReplyAsync(Guid topicId, ReplyRequest? body, ClaimsPrincipal user, TopicCommands commands, MarkdownRenderer renderer, CancellationToken ct)
    {
        if (body?.Body is not { } text)
        {
            return Problems.Invalid("body", "A body is required.");
        }

        RenderAhead(renderer, text);
        var (posted, refused) = await commands.ReplyAsync(Viewer.Of(user), topicId, text, body.ReplyTo, ct);
        return refused is not null
            ? Problems.From(refused)
            : Results.Created($"/api/topics/{topicId}", new { postId = posted!.PostId, number = posted.Number, status = posted.Status, message = posted.Message });
    }

    /// <summary>Renders a valid body before the write takes its turn (see <see cref="MarkdownRenderer.RenderAhead"/>); an invalid one is refused unrendered.</summary>
    private static void RenderAhead(MarkdownRenderer renderer, string body)
    {
        if (!string.IsNullOrWhiteSpace(body) && body.Length <= Topic.MaxBodyLength)
        {
            renderer.RenderAhead(body);
        }
    }
}
