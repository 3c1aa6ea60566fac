using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.LogStats;

/// <summary>
/// Events per day and type: the log's own activity, shown on the home page. An async projection over every
/// event, so it is also the first one the rebuild command and its tests exercise.
/// </summary>
public sealed class LogActivityProjection : IProjection
{
    public static readonly Migration Table = new(
        "logstats/001-log-activity",
        "CREATE TABLE log_activity (day date NOT NULL, event_type text NOT NULL, events bigint NOT NULL, PRIMARY KEY (day, event_type));",
        "CREATE TABLE log_activity (day TEXT NOT NULL, event_type TEXT NOT NULL, events INTEGER NOT NULL, PRIMARY KEY (day, event_type)) WITHOUT ROWID;");

    public string Name => "log-activity";

    /// <summary>Every event, envelope only: it counts types and days and never decodes a payload.</summary>
    public IReadOnlySet<string>? EventTypes => null;

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var counts = events
            .GroupBy(e => (Day: DateOnly.FromDateTime(e.RecordedAt.UtcDateTime), e.Type))
            .Select(g => (g.Key.Day, g.Key.Type, Count: (long)g.Count()));
        foreach (var (day, type, count) in counts)
        {
            await context.WriteAsync(
                "INSERT INTO log_activity (day, event_type, events) VALUES (@day, @type, @count) " +
                "ON CONFLICT (day, event_type) DO UPDATE SET events = log_activity.events + excluded.events",
                ct,
                ("day", context.Engine == StorageEngine.Postgres ? day : day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
                ("type", type),
                ("count", count));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM log_activity", ct);
}

public static class LogStatsSetup
{
    public static IServiceCollection AddLogStats(this IServiceCollection services) => services
        .AddSingleton(LogActivityProjection.Table)
        .AddSingleton<LogActivity>()
        .AddSingleton(new AsyncProjection(new LogActivityProjection()));
}
