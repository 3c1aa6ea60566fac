using System.Security.Claims;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Badges;

public sealed record BadgeRequest(string? Badge, string? Reason);

/// <summary>The catalogue, members' badges, leaderboards (anyone); manual grants and revocations (staff).</summary>
public static class BadgeEndpoints
{
    public static IEndpointRouteBuilder MapBadges(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/badges", async (BadgeReads reads, CancellationToken ct) => Results.Ok(await reads.CatalogueAsync(ct)));
        app.MapGet("/api/members/{userName}/badges", async (string userName, MemberCards cards, BadgeReads reads, CancellationToken ct) =>
            await cards.FindByUserNameAsync(userName, ct) is { } card
                ? Results.Ok(await reads.OfMemberAsync(card.MemberId, ct))
                : Problems.Problem(StatusCodes.Status404NotFound, "There is no such member.", "member-not-found"));
        app.MapGet("/api/leaderboards/{board}", async (string board, string? period, BadgeReads reads, CancellationToken ct) =>
        {
            BadgeActivity? activity = board switch
            {
                "contributors" => BadgeActivity.Posts,
                "helpers" => BadgeActivity.Reactions,
                "referrals" => BadgeActivity.Referrals,
                _ => null,
            };
            int? days = period switch { "week" => 7, "month" => BadgeReads.LongestPeriodDays, null or "all" => null, _ => -1 };
            if (activity is null)
            {
                return Problems.Problem(StatusCodes.Status404NotFound, "Boards are contributors, helpers and referrals.", "board-not-found");
            }

            return days == -1
                ? Problems.Invalid("period", "A period is week, month or all.")
                : Results.Ok(await reads.LeaderboardAsync(activity.Value, days, ct));
        });

        var staff = app.MapGroup("/api/members").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        staff.MapPost("/{memberId:guid}/badges", async (Guid memberId, BadgeRequest? body, ClaimsPrincipal user, BadgeCommands commands, CancellationToken ct) =>
            await commands.GrantAsync(memberId, body?.Badge, body?.Reason, MemberPrincipal.MemberId(user)!.Value, ct) is { } refusal
                ? Problems.From(refusal)
                : Results.NoContent());
        staff.MapDelete("/{memberId:guid}/badges/{badge}", async (Guid memberId, string badge, string? reason, ClaimsPrincipal user, BadgeCommands commands, CancellationToken ct) =>
            await commands.RevokeAsync(memberId, badge, reason, MemberPrincipal.MemberId(user)!.Value, ct) is { } refusal
                ? Problems.From(refusal)
                : Results.NoContent());
        return app;
    }
}
