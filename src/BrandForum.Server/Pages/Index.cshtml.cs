using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages;

/// <summary>The home page: the categories the reader may enter, with counts and latest activity, and the latest topics across them.</summary>
public sealed class IndexModel(SqlEventStore store, CategoryReads categories, TopicReads topics) : PageModel
{
    public const int LatestCount = 15;

    public string Engine => store.Engine == StorageEngine.Postgres ? "PostgreSQL" : "SQLite";

    public long Position { get; private set; }

    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    public IReadOnlyList<TopicSummary> Latest { get; private set; } = [];

    /// <summary>The categories by slug, to name and colour the latest topics.</summary>
    public IReadOnlyDictionary<string, CategorySummary> BySlug { get; private set; } = new Dictionary<string, CategorySummary>();

    public bool SignedIn => Viewer.Of(User).MemberId is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var viewer = Viewer.Of(User);
        Categories = await categories.AllAsync(viewer, ct);
        BySlug = Categories.ToDictionary(c => c.Slug, StringComparer.Ordinal);
        Latest = await topics.LatestAsync(viewer, LatestCount, ct);
        Position = (await store.ReadHeadAsync(ct)).Position;
    }
}
