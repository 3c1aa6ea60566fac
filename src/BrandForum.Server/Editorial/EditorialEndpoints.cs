using System.Security.Claims;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Editorial;

/// <summary>The editorial calendar's API (staff): plan, list, edit, move, approve. Publishing is the publisher's.</summary>
public static class EditorialEndpoints
{
    public static IEndpointRouteBuilder MapEditorial(this IEndpointRouteBuilder app)
    {
        var items = app.MapGroup("/api/editorial/items").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(160 * 1024));
        items.MapPost("/", async (EditorialItemRequest? body, ClaimsPrincipal user, EditorialCommands commands, CancellationToken ct) =>
            await commands.CreateAsync(MemberPrincipal.MemberId(user)!.Value, body ?? new(), ct) switch
            {
                (_, { } refused) => ProblemOf(refused),
                ({ } item, _) => Results.Created($"/api/editorial/items/{item.ItemId}", new { itemId = item.ItemId, state = item.State }),
                _ => throw new InvalidOperationException("Neither an item nor a refusal."),
            });
        items.MapGet("/", async (DateTimeOffset? from, DateTimeOffset? to, EditorialReads reads, TimeProvider time, CancellationToken ct) =>
        {
            var start = from ?? time.GetUtcNow().AddDays(-7);
            var end = to ?? start.AddDays(42);
            return end <= start || end - start > TimeSpan.FromDays(EditorialReads.MaxRangeDays)
                ? Problems.Invalid("to", $"The range ends after it starts and spans at most {EditorialReads.MaxRangeDays} days.")
                : Results.Ok(new { from = start, to = end, items = await reads.BetweenAsync(start, end, ct) });
        });
        items.MapGet("/{itemId:guid}", async (Guid itemId, EditorialReads reads, CancellationToken ct) =>
            await reads.FindAsync(itemId, ct) is { } item ? Results.Ok(item) : Problems.Problem(StatusCodes.Status404NotFound, "There is no such item.", "item-not-found"));
        items.MapPatch("/{itemId:guid}", async (Guid itemId, EditorialItemRequest? body, ClaimsPrincipal user, EditorialCommands commands, CancellationToken ct) =>
            await commands.UpdateAsync(itemId, MemberPrincipal.MemberId(user)!.Value, body ?? new(), ct) switch
            {
                (_, { } refused) => ProblemOf(refused),
                ({ } item, _) => Results.Ok(item),
                _ => throw new InvalidOperationException("Neither an item nor a refusal."),
            });
        return app;
    }

    /// <summary>An owner approving their own item is forbidden (403), not malformed.</summary>
    public static IResult ProblemOf(Refusal refused) => refused.Code == "own-item-approval"
        ? Problems.Problem(StatusCodes.Status403Forbidden, refused.Message, refused.Code)
        : Problems.From(refused);
}
