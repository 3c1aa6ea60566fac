using BrandForum.EventStore;
using BrandForum.Server.LogStats;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages;

public sealed class IndexModel(SqlEventStore store, LogActivity activity) : PageModel
{
    public string Engine => store.Engine == StorageEngine.Postgres ? "PostgreSQL" : "SQLite";

    public long Position { get; private set; }

    public IReadOnlyList<(string Type, long Count)> Activity { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Position = (await store.ReadHeadAsync(ct)).Position;
        Activity = await activity.TopTypesAsync(20, ct);
    }
}
