using BrandForum.Domain.Crisis;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Crisis;

/// <summary>Crisis mode (API.md, Community managers' toolkit).</summary>
public static class CrisisSetup
{
    /// <summary>The stored names of crisis events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> EventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(CrisisStarted)] = "crisis.started",
        [typeof(CrisisChanged)] = "crisis.changed",
        [typeof(CrisisEnded)] = "crisis.ended",
    };

    /// <summary>The rule id a crisis hold is recorded under, like a rule's (the review queue and audit show it).</summary>
    public const string HoldRulePrefix = "crisis:";

    public static string StreamId(string scope) => $"crisis-{scope}";

    public static IServiceCollection AddCrisis(this IServiceCollection services, IConfiguration configuration) => services
        .AddSingleton(CrisisOptions.From(configuration))
        .AddSingleton(new EventTypes(types =>
        {
            foreach (var (type, name) in EventNames)
            {
                types.Register(type, name);
            }
        }))
        .AddSingleton(CrisisProjection.Tables)
        .AddSingleton(new InlineProjection(new CrisisProjection()))
        .AddSingleton<CrisisBoard>()
        .AddSingleton<ILogFollower>(provider => provider.GetRequiredService<CrisisBoard>())
        .AddSingleton<CrisisReads>()
        .AddSingleton<CrisisPace>()
        .AddScoped<CrisisCommands>()
        .AddHostedService<CrisisWatch>();
}

/// <summary>Forum:Crisis — how often a node looks for crises past their end time, to record that they ended.</summary>
public sealed record CrisisOptions(TimeSpan WatchInterval)
{
    public static CrisisOptions From(IConfiguration configuration) =>
        new(TimeSpan.FromMilliseconds(Math.Max(10, configuration.GetValue("Forum:Crisis:WatchMilliseconds", 10_000))));
}
