using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.LogStats;

/// <summary>Reads the log-activity read model: how many events of each type the community has produced.</summary>
public sealed class LogActivity(SqlEventStore store)
{
    public async Task<IReadOnlyList<(string Type, long Count)>> TopTypesAsync(int limit, CancellationToken ct) => await store.QueryAsync(
        "SELECT event_type, sum(events) FROM log_activity GROUP BY event_type ORDER BY 2 DESC, 1 LIMIT @limit",
        r => (r.GetString(0), Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)),
        ct,
        ("limit", limit));
}
