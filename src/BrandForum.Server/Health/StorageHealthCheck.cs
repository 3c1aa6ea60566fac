using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace BrandForum.Server.Health;

/// <summary>Healthy when the storage answers; reports the log head and how far each projection lags behind it.</summary>
public sealed class StorageHealthCheck(SqlEventStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var head = await store.ReadHeadAsync(cancellationToken);
            var data = new Dictionary<string, object>
            {
                ["engine"] = store.Engine.ToString(),
                ["epoch"] = head.Epoch,
                ["position"] = head.Position,
                ["projections"] = await ReadLagsAsync(head.Position, cancellationToken),
            };
            return HealthCheckResult.Healthy("storage answers", data);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy($"{store.Engine} storage does not answer: {e.Message}");
        }
    }

    private async Task<Dictionary<string, long>> ReadLagsAsync(long head, CancellationToken ct) =>
        (await store.QueryAsync("SELECT name, position FROM es_checkpoints ORDER BY name", r => (r.GetString(0), r.GetInt64(1)), ct))
            .ToDictionary(c => c.Item1, c => head - c.Item2, StringComparer.Ordinal);
}

public static class HealthEndpoints
{
    public static IServiceCollection AddForumHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StorageHealthCheck>("storage");
        return services;
    }

    /// <summary>GET /health: 200 with the log head and projection lags when storage answers, 503 otherwise.</summary>
    public static IEndpointConventionBuilder MapForumHealth(this IEndpointRouteBuilder app) =>
        app.MapHealthChecks("/health", new HealthCheckOptions { ResponseWriter = WriteAsync });

    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "application/json";
        var storage = report.Entries.TryGetValue("storage", out var entry) ? entry : default;
        return JsonSerializer.SerializeAsync(http.Response.Body, new
        {
            status = report.Status == HealthStatus.Healthy ? "healthy" : "unhealthy",
            storage = storage.Description,
            log = storage.Data,
        }, JsonSerializerOptions.Web, http.RequestAborted);
    }
}
