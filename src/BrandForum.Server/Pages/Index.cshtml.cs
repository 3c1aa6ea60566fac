using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages;

/// <summary>The home page: the categories with their counts and latest activity, and the latest topics across them.</summary>
public sealed class IndexModel(SqlEventStore store, CategoryReads categories, PostReads posts) : PageModel
{
    public const int LatestCount = 15;

    public string Engine => store.Engine == StorageEngine.Postgres ? "PostgreSQL" : "SQLite";

    public long Position { get; private set; }

    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    public IReadOnlyDictionary<string, CategoryActivity> Activity { get; private set; } = new Dictionary<string, CategoryActivity>();

    public IReadOnlyList<LatestTopic> Latest { get; private set; } = [];

    public bool SignedIn => Display.MemberId(User) is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var reader = Display.MemberId(User);
        Categories = await categories.AllAsync(ct);
        Activity = await posts.CategoryActivityAsync(reader, ct);
        Latest = await posts.LatestTopicsAsync(LatestCount, reader, ct);
        Position = (await store.ReadHeadAsync(ct)).Position;
    }
}
