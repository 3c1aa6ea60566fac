using System.Globalization;
using BrandForum.EventStore;

namespace BrandForum.Server.LogStats;

/// <summary>Reads the log-activity read model: how many events of each type the community has produced.</summary>
public sealed class LogActivity(SqlEventStore store)
{
    public async Task<IReadOnlyList<(string Type, long Count)>> TopTypesAsync(int limit, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT event_type, sum(events) FROM log_activity GROUP BY event_type ORDER BY 2 DESC, 1 LIMIT @limit";
        var p = command.CreateParameter();
        p.ParameterName = "limit";
        p.Value = limit;
        command.Parameters.Add(p);
        await using var reader = await command.ExecuteReaderAsync(ct);
        var types = new List<(string, long)>();
        while (await reader.ReadAsync(ct))
        {
            types.Add((reader.GetString(0), Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)));
        }

        return types;
    }
}
