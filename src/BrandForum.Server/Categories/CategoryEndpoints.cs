using System.Security.Claims;
using BrandForum.Domain.Categories;
using BrandForum.EventStore;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Categories;

public sealed record CategoryRequest(string? Slug, string? Name, string? Description, string? Color, IReadOnlyList<string>? Access);

public sealed record CategoryOrderRequest(IReadOnlyList<string>? Slugs);

/// <summary>Slow mode for a topic or a category (0: off).</summary>
public sealed record SlowModeRequest(int? Seconds);

/// <summary>Categories through the API: anyone lists what they may enter; admins create, edit, order, archive and reopen.</summary>
public static class CategoryEndpoints
{
    private const string DefaultColor = "#1d4ed8";

    public static IEndpointRouteBuilder MapCategories(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/categories", async (bool? archived, ClaimsPrincipal user, CategoryReads categories, CancellationToken ct) =>
        {
            var viewer = Viewer.Of(user);
            return Results.Ok((await categories.AllAsync(viewer, ct, withArchived: archived == true && user.IsInRole(Domain.Members.Roles.Admin))).Select(c => new
            {
                categoryId = c.CategoryId, slug = c.Slug, name = c.Name, description = c.Description, color = c.Color, access = c.Access, position = c.Position,
                archived = c.Archived, topicCount = c.TopicCount, postCount = c.PostCount, lastPostAt = c.LastPostAt, unreadTopics = c.UnreadTopics,
            }));
        });

        var admin = app.MapGroup("/api/categories").RequireAuthorization(MemberEndpoints.AdminPolicy).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        admin.MapPost("/", CreateAsync);
        admin.MapPut("/order", OrderAsync);
        admin.MapPut("/{slug}", (string slug, CategoryRequest? body, ClaimsPrincipal user, IEventStore store, TopicPageCache pages, TimeProvider time, CancellationToken ct) =>
            body is not { Name: { } name }
                ? Task.FromResult(Problems.Invalid("name", "A name is required."))
                : DecideAsync(store, slug, user, new EditCategory(name, body.Description ?? "", body.Color ?? DefaultColor, body.Access ?? [], time.GetUtcNow()), pages, ct));
        admin.MapPost("/{slug}/archive", (string slug, ClaimsPrincipal user, IEventStore store, TopicPageCache pages, TimeProvider time, CancellationToken ct) =>
            DecideAsync(store, slug, user, new ArchiveCategory(time.GetUtcNow()), pages, ct));
        admin.MapPost("/{slug}/reopen", (string slug, ClaimsPrincipal user, IEventStore store, TopicPageCache pages, TimeProvider time, CancellationToken ct) =>
            DecideAsync(store, slug, user, new ReopenCategory(time.GetUtcNow()), pages, ct));
        app.MapPut("/api/categories/{slug}/slow-mode", (string slug, SlowModeRequest? body, ClaimsPrincipal user, IEventStore store, TopicPageCache pages, TimeProvider time, CancellationToken ct) =>
            body?.Seconds is not { } seconds
                ? Task.FromResult(Problems.Invalid("seconds", "Seconds between a member's posts in each topic (0: off) are required."))
                : DecideAsync(store, slug, user, new SetCategorySlowMode(seconds, time.GetUtcNow()), pages, ct))
            .RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(1024));
        return app;
    }

    private static async Task<IResult> CreateAsync(CategoryRequest? body, ClaimsPrincipal user, IEventStore store, TimeProvider time, CancellationToken ct)
    {
        if (body is not { Slug: { } slug, Name: { } name })
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["slug"] = ["A slug is required."], ["name"] = ["A name is required."] });
        }

        if (!Category.IsValidSlug(slug))
        {
            return Problems.Invalid("slug", "A slug is 2–40 lowercase letters, digits and single dashes.");
        }

        var now = time.GetUtcNow();
        var decided = await store.DecideAsync(
            CategoriesSetup.StreamId(slug), Category.Decider,
            new CreateCategory(Guid.CreateVersion7(now), slug, name, body.Description ?? "", body.Color ?? DefaultColor, body.Access ?? [], now),
            Metadata(user), ct: ct);
        return decided.Decision.Error is { } error
            ? Problems.From(error)
            : Results.Created($"/api/categories/{slug}/topics", new { slug, categoryId = ((CategoryCreated)decided.Decision.Events[0]).CategoryId });
    }

    /// <summary>Sets the order of the open categories: the request lists each of them once, first to last.</summary>
    private static async Task<IResult> OrderAsync(
        CategoryOrderRequest? body, ClaimsPrincipal user, IEventStore store, CategoryReads categories, TopicPageCache pages, TimeProvider time, CancellationToken ct)
    {
        var open = (await categories.AllAsync(Viewer.Of(user), ct)).Select(c => c.Slug).ToHashSet(StringComparer.Ordinal);
        if (body?.Slugs is not { } slugs || slugs.Count != open.Count || !open.SetEquals(slugs))
        {
            return Problems.Invalid("slugs", "List every open category's slug once, in the order wanted.");
        }

        for (var position = 0; position < slugs.Count; position++)
        {
            if (await DecideAsync(store, slugs[position], user, new PlaceCategory(position, time.GetUtcNow()), pages, ct) is not NoContent)
            {
                return Problems.Problem(StatusCodes.Status409Conflict, "A category changed meanwhile; load the list and try again.", "category-changed");
            }
        }

        return Results.NoContent();
    }

    /// <summary>Decides on an existing category; cached topic pages carry their category's access, so they are dropped at once on this node.</summary>
    private static async Task<IResult> DecideAsync(IEventStore store, string slug, ClaimsPrincipal user, CategoryCommand command, TopicPageCache pages, CancellationToken ct)
    {
        if (!Category.IsValidSlug(slug))
        {
            return Problems.Problem(StatusCodes.Status404NotFound, "There is no such category.", "category-not-found");
        }

        var decided = await store.DecideAsync(CategoriesSetup.StreamId(slug), Category.Decider, command, Metadata(user), ct: ct);
        pages.Clear();
        return decided.Decision.Error is { } error ? Problems.From(error) : Results.NoContent();
    }

    private static EventMetadata Metadata(ClaimsPrincipal user) => new(Actor: MemberPrincipal.MemberId(user)!.ToString());
}
