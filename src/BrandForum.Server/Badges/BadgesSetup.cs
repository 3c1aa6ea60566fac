using BrandForum.Domain.Badges;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Badges;

/// <summary>Badges and leaderboards (API.md, Ambassadors, referrals and badges).</summary>
public static class BadgesSetup
{
    /// <summary>The stored names of manual badge events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> EventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(BadgeGranted)] = "badge.granted",
        [typeof(BadgeRevoked)] = "badge.revoked",
        [typeof(BadgeAwarded)] = "badge.awarded",
    };

    public static string StreamId(Guid memberId) => $"badges-{memberId}";

    public static IServiceCollection AddBadges(this IServiceCollection services)
    {
        var catalogue = new BadgeCatalogue(BadgeCatalogue.Defaults);
        return services
            .AddSingleton(catalogue)
            .AddSingleton(new EventTypes(types =>
            {
                foreach (var (type, name) in EventNames)
                {
                    types.Register(type, name);
                }
            }))
            .AddSingleton(BadgeProjection.Tables)
            .AddSingleton(BadgeProjection.Notices)
            .AddSingleton(BadgeProjection.Totals)
            .AddSingleton(provider => new AsyncProjection(new BadgeProjection(catalogue, provider.GetRequiredService<TimeProvider>())))
            .AddHostedService<BadgeNotifier>()
            .AddSingleton<BadgeReads>()
            .AddScoped<BadgeCommands>();
    }
}
