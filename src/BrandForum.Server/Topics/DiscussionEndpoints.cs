using System.Security.Claims;
using BrandForum.Domain.Categories;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Topics;

public sealed record CategoryRequest(string? Slug, string? Name, string? Description, string? Color);

public sealed record StartTopicRequest(string? Category, string? Title, string? Body);

public sealed record ReplyRequest(string? Body, Guid? ReplyTo);

public sealed record EditRequest(string? Body, string? Reason);

public sealed record MoveRequest(string? Category);

public sealed record ReadRequest(int? LastReadPostNumber);

/// <summary>Categories, topic lists, topic pages, starting topics and replying (API.md, Discussions).</summary>
public static class DiscussionEndpoints
{
    /// <summary>A post is at most 32,000 characters; with JSON escaping and UTF-8, 160 kB covers any valid one.</summary>
    private const int MaxBodyBytes = 160 * 1024;

    public static IEndpointRouteBuilder MapDiscussions(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", async (CategoryReads categories, CancellationToken ct) =>
            Results.Ok((await categories.AllAsync(ct)).Select(c => new
            {
                categoryId = c.CategoryId, slug = c.Slug, name = c.Name, description = c.Description, color = c.Color, topicCount = c.TopicCount, postCount = c.PostCount,
            })));
        app.MapPost("/api/categories", CreateCategoryAsync).RequireAuthorization(MemberEndpoints.AdminPolicy).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        app.MapGet("/api/categories/{slug}/topics", ListTopicsAsync);

        var topics = app.MapGroup("/api/topics").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        topics.MapPost("/", StartTopicAsync).RequireAuthorization();
        topics.MapGet("/{topicId:guid}", async (Guid topicId, int? page, TopicPageCache pages, CancellationToken ct) =>
            page is < 1 ? Problems.Invalid("page", "Pages count from 1.")
            : await pages.JsonAsync(topicId, page ?? 1, ct) is { } json ? Results.Bytes(json, "application/json; charset=utf-8")
            : Problems.Problem(StatusCodes.Status404NotFound, "There is no such topic.", "topic-not-found"));
        topics.MapPost("/{topicId:guid}/posts", ReplyAsync).RequireAuthorization();
        topics.MapPut("/{topicId:guid}/read", async (Guid topicId, ReadRequest? body, ClaimsPrincipal user, TopicReads reads, CancellationToken ct) =>
            body?.LastReadPostNumber is not { } number || number < 0 ? Problems.Invalid("lastReadPostNumber", "The number of the last post read (0 or more) is required.")
            : await reads.MarkReadAsync(MemberPrincipal.MemberId(user)!.Value, topicId, number, ct) ? Results.NoContent()
            : Problems.Problem(StatusCodes.Status404NotFound, "There is no such topic.", "topic-not-found")).RequireAuthorization();
        foreach (var (action, make) in new (string, Func<Actor, DateTimeOffset, TopicCommand>)[]
        {
            ("lock", (by, at) => new LockTopic(true, by, at)),
            ("unlock", (by, at) => new LockTopic(false, by, at)),
            ("pin", (by, at) => new PinTopic(true, by, at)),
            ("unpin", (by, at) => new PinTopic(false, by, at)),
        })
        {
            topics.MapPost($"/{{topicId:guid}}/{action}", (Guid topicId, ClaimsPrincipal user, TopicCommands commands, TimeProvider time, CancellationToken ct) =>
                NoContentOrProblem(commands.ActAsync(topicId, make(TopicCommands.ActorOf(user), time.GetUtcNow()), ct))).RequireAuthorization();
        }

        topics.MapPost("/{topicId:guid}/move", (Guid topicId, MoveRequest? body, ClaimsPrincipal user, TopicCommands commands, CancellationToken ct) =>
            body?.Category is not { } category
                ? Task.FromResult(Problems.Invalid("category", "The category's slug is required."))
                : NoContentOrProblem(commands.MoveAsync(topicId, category, TopicCommands.ActorOf(user), ct))).RequireAuthorization();

        var posts = app.MapGroup("/api/posts/{postId:guid}").RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        posts.MapPut("/", (Guid postId, EditRequest? body, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, TimeProvider time, CancellationToken ct) =>
            body?.Body is not { } text
                ? Task.FromResult(Problems.Invalid("body", "A body is required."))
                : OnPostAsync(postId, reads, topicId => commands.ActAsync(topicId, new EditPost(postId, text, body.Reason, TopicCommands.ActorOf(user), time.GetUtcNow()), ct), Results.Ok(new { postId }), ct));
        posts.MapDelete("/", (Guid postId, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, TimeProvider time, CancellationToken ct) =>
            OnPostAsync(postId, reads, topicId => commands.ActAsync(topicId, new DeletePost(postId, TopicCommands.ActorOf(user), time.GetUtcNow()), ct), null, ct));
        posts.MapGet("/revisions", async (Guid postId, ClaimsPrincipal user, TopicReads reads, CancellationToken ct) =>
            await reads.RevisionsAsync(postId, user.IsInRole(BrandForum.Domain.Members.Roles.Moderator) || user.IsInRole(BrandForum.Domain.Members.Roles.Admin), ct) is { } revisions
                ? Results.Ok(revisions)
                : Problems.Problem(StatusCodes.Status404NotFound, "There is no such post.", "post-not-found")).AllowAnonymous();
        posts.MapPost("/restore", (Guid postId, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, TimeProvider time, CancellationToken ct) =>
            OnPostAsync(postId, reads, topicId => commands.ActAsync(topicId, new RestorePost(postId, TopicCommands.ActorOf(user), time.GetUtcNow()), ct), null, ct));
        foreach (var (method, add) in new[] { ("PUT", true), ("DELETE", false) })
        {
            posts.MapMethods("/reactions/{kind}", [method], (Guid postId, string kind, ClaimsPrincipal user, TopicCommands commands, TopicReads reads, ReactionKinds kinds, TimeProvider time, CancellationToken ct) =>
                OnPostAsync(postId, reads, topicId => commands.ActAsync(topicId, new React(postId, kind, add, kinds.Allowed, TopicCommands.ActorOf(user), time.GetUtcNow()), ct), null, ct));
        }

        return app;
    }

    private static async Task<IResult> NoContentOrProblem(Task<Refusal?> acting) =>
        await acting is { } refused ? Problems.From(refused) : Results.NoContent();

    /// <summary>Finds the post's topic, then acts on it; 204 (or <paramref name="done"/>) when it worked.</summary>
    private static async Task<IResult> OnPostAsync(Guid postId, TopicReads reads, Func<Guid, Task<Refusal?>> act, IResult? done, CancellationToken ct) =>
        await reads.TopicOfPostAsync(postId, ct) is not { } topicId ? Problems.Problem(StatusCodes.Status404NotFound, "There is no such post.", "post-not-found")
        : await act(topicId) is { } refused ? Problems.From(refused)
        : done ?? Results.NoContent();

    private static async Task<IResult> CreateCategoryAsync(CategoryRequest? body, ClaimsPrincipal user, IEventStore store, TimeProvider time, CancellationToken ct)
    {
        if (body is not { Slug: { } slug, Name: { } name })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = ["A slug is required."], ["name"] = ["A name is required."] });
        }

        var by = MemberPrincipal.MemberId(user)!.Value;
        var decided = await store.DecideAsync(
            CategoriesSetup.StreamId(slug.Length <= 40 ? slug : slug[..40]),
            Category.Decider,
            new CreateCategory(Guid.CreateVersion7(time.GetUtcNow()), slug, name, body.Description ?? "", body.Color ?? "#1d4ed8", time.GetUtcNow()),
            new EventMetadata(Actor: by.ToString()),
            ct: ct);
        return decided.Decision.Error is { } error
            ? Problems.From(error)
            : Results.Created($"/api/categories/{slug}/topics", new { slug, categoryId = ((CategoryCreated)decided.Decision.Events[0]).CategoryId });
    }

    private static async Task<IResult> ListTopicsAsync(string slug, int? page, ClaimsPrincipal user, CategoryReads categories, TopicReads reads, CancellationToken ct)
    {
        if (page is < 1)
        {
            return Problems.Invalid("page", "Pages count from 1.");
        }

        if (await categories.FindAsync(slug, ct) is null)
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "There is no such category.", "category-not-found");
        }

        var topics = await reads.ListAsync(slug, page ?? 1, MemberPrincipal.MemberId(user), ct);
        return Results.Ok(new { items = topics.Items, page = topics.Page, pageSize = topics.PageSize, total = topics.Total });
    }

    private static async Task<IResult> StartTopicAsync(StartTopicRequest? body, ClaimsPrincipal user, TopicCommands commands, CancellationToken ct)
    {
        if (body is not { Category: { } category, Title: { } title, Body: { } text })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["category"] = ["The category's slug is required."], ["title"] = ["A title is required."], ["body"] = ["A body is required."],
            });
        }

        var (started, refused) = await commands.StartAsync(TopicCommands.ActorOf(user), category, title, text, ct);
        return started is { } s
            ? Results.Created($"/api/topics/{s.TopicId}", new { topicId = s.TopicId, postId = s.PostId, status = "published" })
            : Problems.From(refused!);
    }

    private static async Task<IResult> ReplyAsync(Guid topicId, ReplyRequest? body, ClaimsPrincipal user, TopicCommands commands, CancellationToken ct)
    {
        if (body?.Body is not { } text)
        {
            return Problems.Invalid("body", "A body is required.");
        }

        var (published, refused) = await commands.ReplyAsync(TopicCommands.ActorOf(user), topicId, text, body.ReplyTo, ct);
        return refused is not null
            ? Problems.From(refused)
            : Results.Created($"/api/topics/{topicId}", new { postId = published!.PostId, number = published.Number, status = "published" });
    }
}
