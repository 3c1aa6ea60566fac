using BrandForum.Server.Categories;
using BrandForum.Server.Search;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Search;

/// <summary>Full-text search of posts and titles (accent- and case-insensitive), a page of results at a time.</summary>
public sealed class SearchModel(SearchReads search) : PageModel
{
    public string Query { get; private set; } = "";

    public Paged<SearchHit>? Results { get; private set; }

    public int LastPage { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? q, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        Query = (q ?? "").Trim();
        if (Query.Length > SearchReads.MaxQueryLength)
        {
            Query = Query[..SearchReads.MaxQueryLength];
        }

        if (Query.Length > 0)
        {
            Results = await search.SearchAsync(Query, Math.Max(1, pageNumber ?? 1), Viewer.Of(User), ct);
            LastPage = PagerView.LastPageOf(Results.Total, Results.PageSize);
        }

        return Page();
    }
}
