using BrandForum.Domain.Listening;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Listening;

/// <summary>Listening: a watchlist of terms, their mentions over time, spikes alerted live (API.md, Community managers' toolkit).</summary>
public static class ListeningSetup
{
    public const string WatchlistStream = "listening-watchlist";

    /// <summary>The stored names of listening events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> EventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(WatchlistSet)] = "listening.watchlist-set",
        [typeof(MentionSpikeDetected)] = "listening.spike-detected",
    };

    public static IServiceCollection AddListening(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ListeningOptions>().Bind(configuration.GetSection("Forum:Listening"));
        return services
            .AddSingleton(new EventTypes(types =>
            {
                foreach (var (type, name) in EventNames)
                {
                    types.Register(type, name);
                }
            }))
            .AddSingleton(ListeningSchema.Tables)
            .AddSingleton(new AsyncProjection(new ListeningProjection()))
            .AddSingleton<ListeningReads>()
            .AddScoped<ListeningCommands>()
            .AddHostedService<SpikeWatch>();
    }
}
