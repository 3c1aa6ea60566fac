namespace BrandForum.Server.Live;

public static class LiveSetup
{
    public static IServiceCollection AddLive(this IServiceCollection services)
    {
        services.AddSignalR();
        return services
            .AddSingleton<LiveConnections>()
            .AddSingleton<LiveItems>()
            .AddSingleton<LiveReplay>()
            .AddSingleton<LivePump>()
            .AddSingleton<LiveFeed>()
            .AddHostedService(provider => provider.GetRequiredService<LiveFeed>());
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>("/hubs/live");
        return app;
    }
}
