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
            .AddSingleton<Storage.ILogFollower, LiveFeed>()
            .AddSingleton<EphemeralBus>()
            .AddHostedService(provider => provider.GetRequiredService<EphemeralBus>())
            .AddSingleton<LiveSignals>()
            .AddHostedService(provider => provider.GetRequiredService<LiveSignals>());
    }

    public static IEndpointRouteBuilder MapLive(this IEndpointRouteBuilder app)
    {
        app.MapHub<LiveHub>("/hubs/live");
        return app;
    }
}
