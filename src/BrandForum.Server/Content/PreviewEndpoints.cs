using BrandForum.Domain.Topics;
using BrandForum.Server.Http;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Content;

public sealed record PreviewRequest(string? Body);

/// <summary>
/// <c>POST /api/preview {body}</c> → <c>{html}</c>: the composer's live preview, rendered by the same pipeline as
/// posts. Members only and rate-limited, because rendering costs CPU. No antiforgery check: it changes nothing,
/// and a cross-site page cannot send the JSON it needs without a preflight.
/// </summary>
public static class PreviewEndpoints
{
    public static IEndpointRouteBuilder MapPreview(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/preview", (PreviewRequest? request, MarkdownRenderer renderer) =>
                request?.Body is not { } body ? Problems.Invalid("body", "A body is required.")
                : body.Length > Topic.MaxBodyLength ? Problems.Invalid("body", "A post is 1 to 32,000 characters.")
                : Results.Ok(new { html = renderer.Render(body) }))
            .RequireAuthorization()
            .RequireRateLimiting(RateLimits.Preview)
            .WithMetadata(new RequestSizeLimitAttribute(160 * 1024));
        return app;
    }
}
