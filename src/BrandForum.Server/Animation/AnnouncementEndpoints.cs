using System.Security.Claims;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Animation;

public sealed record AnnouncementRequest(string? Text, DateTimeOffset? Until, string[]? Categories);

/// <summary>The site's banner: anyone reads it; staff put it up and take it down.</summary>
public static class AnnouncementEndpoints
{
    public static IEndpointRouteBuilder MapAnnouncements(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/announcements", async (Announcements announcements, TimeProvider time) =>
            await announcements.CurrentAsync() is { } current && current.IsUpAt(time.GetUtcNow())
                ? Results.Ok(new { announcementId = current.AnnouncementId, text = current.Markdown, html = current.Html, until = current.Until, categories = current.Categories })
                : Problems.Problem(StatusCodes.Status404NotFound, "There is no announcement now.", "announcement-not-found"));
        var staff = app.MapGroup("/api/announcements").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(32 * 1024));
        staff.MapPut("/", (AnnouncementRequest? body, ClaimsPrincipal user, Announcements announcements, CancellationToken ct) =>
            Problems.NoContentOr(announcements.PublishAsync(body?.Text, body?.Until, body?.Categories, MemberPrincipal.MemberId(user)!.Value, ct)));
        staff.MapDelete("/", (ClaimsPrincipal user, Announcements announcements, CancellationToken ct) =>
            Problems.NoContentOr(announcements.WithdrawAsync(MemberPrincipal.MemberId(user)!.Value, ct)));
        return app;
    }
}
