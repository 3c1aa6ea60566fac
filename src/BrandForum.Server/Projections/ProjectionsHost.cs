using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Projections;

/// <summary>Keeps every async projection up to date while the server runs, one loop each.</summary>
public sealed class ProjectionsHost(SqlEventStore store, IEnumerable<AsyncProjection> projections, ILogger<ProjectionsHost> logger)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.WhenAll(projections.Select(p =>
        new ProjectionRunner(store, p.Projection).RunAsync(
            e => logger.LogError(e, "Projection {Projection} failed; it will retry", p.Projection.Name),
            stoppingToken)));
}

public static class ProjectionsSetup
{
    public static IServiceCollection AddForumProjections(this IServiceCollection services) =>
        services.AddHostedService<ProjectionsHost>();

    /// <summary>Every projection the server knows, async and inline, by name.</summary>
    public static IReadOnlyDictionary<string, IProjection> All(IServiceProvider services) =>
        services.GetServices<AsyncProjection>().Select(p => p.Projection)
            .Concat(services.GetServices<InlineProjection>().Select(p => p.Projection))
            .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
}
