using BrandForum.EventStore;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages;

public sealed class IndexModel(SqlEventStore store) : PageModel
{
    public StorageEngine Engine => store.Engine;

    public long Position { get; private set; }

    public IReadOnlyList<(string Type, long Count)> Activity { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct)
    {
        Position = (await store.ReadHeadAsync(ct)).Position;
        await using var connection = await store.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_type, sum(events) FROM log_activity GROUP BY event_type ORDER BY 2 DESC, 1 LIMIT 20";
        await using var reader = await command.ExecuteReaderAsync(ct);
        var activity = new List<(string, long)>();
        while (await reader.ReadAsync(ct))
        {
            activity.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)));
        }

        Activity = activity;
    }
}
