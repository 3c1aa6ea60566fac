using BrandForum.Server.Categories;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Categories;

/// <summary>A category's topics, pinned first then by latest activity, a page at a time.</summary>
public sealed class CategoryModel(CategoryReads categories, TopicReads topics) : PageModel
{
    public CategorySummary Category { get; private set; } = null!;

    public Paged<TopicSummary> Topics { get; private set; } = null!;

    public int LastPage { get; private set; }

    public bool SignedIn => Viewer.Of(User).MemberId is not null;

    public async Task<IActionResult> OnGetAsync(string slug, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var viewer = Viewer.Of(User);
        if (pageNumber is < 1 || await categories.FindVisibleAsync(slug, viewer, ct) is not { } category)
        {
            return this.NotFoundPage();
        }

        Category = category;
        Topics = await topics.ListAsync(slug, pageNumber ?? 1, viewer, ct);
        LastPage = PagerView.LastPageOf(Topics.Total, Topics.PageSize);
        return Topics.Page > LastPage ? this.NotFoundPage() : Page();
    }
}
