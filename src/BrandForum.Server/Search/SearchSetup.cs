using BrandForum.Server.Http;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Search;

public static class SearchSetup
{
    public static IServiceCollection AddSearch(this IServiceCollection services) => services
        .AddSingleton(SearchIndex.Tables)
        .AddSingleton(new InlineProjection(new SearchIndex()))
        .AddSingleton<SearchReads>();

    /// <summary>GET /api/search?q=&amp;page= → a page of { topicId, postId, title, snippet }.</summary>
    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/search", async (string? q, int? page, System.Security.Claims.ClaimsPrincipal user, SearchReads search, CancellationToken ct) =>
        {
            if (string.IsNullOrWhiteSpace(q) || q.Length > SearchReads.MaxQueryLength)
            {
                return Problems.Invalid("q", $"A search of 1 to {SearchReads.MaxQueryLength} characters is required.");
            }

            if (page is < 1)
            {
                return Problems.Invalid("page", "Pages count from 1.");
            }

            var hits = await search.SearchAsync(q.Trim(), page ?? 1, Categories.Viewer.Of(user), ct);
            return Results.Ok(new { items = hits.Items, page = hits.Page, pageSize = hits.PageSize, total = hits.Total });
        });
        return app;
    }
}
