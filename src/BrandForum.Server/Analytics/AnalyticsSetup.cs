using BrandForum.Server.Storage;

namespace BrandForum.Server.Analytics;

/// <summary>KPIs, the dashboard, the weekly report and the needs-a-response queue (API.md, Community managers' toolkit).</summary>
public static class AnalyticsSetup
{
    public static IServiceCollection AddAnalytics(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AnalyticsOptions>().Bind(configuration.GetSection("Forum:Analytics"));
        foreach (var migration in AnalyticsSchema.All)
        {
            services.AddSingleton(migration);
        }

        return services
            .AddSingleton(new EventTypes(types => types.Register<WeeklyReportSent>("analytics.weekly-report-sent")))
            .AddSingleton(new AsyncProjection(new AnalyticsProjection()))
            .AddSingleton<AnalyticsReads>()
            .AddSingleton<NeedsResponse>()
            .AddSingleton<WeeklyReport>()
            .AddHostedService<WeeklyReportSender>();
    }
}
