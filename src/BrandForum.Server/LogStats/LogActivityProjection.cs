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

    public Task ApplyAsync(ProjectionContext context, RecordedEvent recorded, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(recorded.RecordedAt.UtcDateTime);
        return context.ExecuteAsync(
            "INSERT INTO log_activity (day, event_type, events) VALUES (@day, @type, 1) " +
            "ON CONFLICT (day, event_type) DO UPDATE SET events = log_activity.events + 1",
            ct,
            ("day", context.Engine == StorageEngine.Postgres ? day : day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)),
            ("type", recorded.Type));
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM log_activity", ct);
}

public static class LogStatsSetup
{
    public static IServiceCollection AddLogStats(this IServiceCollection services) => services
        .AddSingleton(LogActivityProjection.Table)
        .AddSingleton(new AsyncProjection(new LogActivityProjection()));
}
