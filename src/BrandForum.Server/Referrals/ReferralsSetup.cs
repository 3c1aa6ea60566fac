using BrandForum.Domain.Referrals;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Referrals;

/// <summary>The ambassador programme and referrals (API.md, Ambassadors, referrals and badges).</summary>
public static class ReferralsSetup
{
    /// <summary>The stored names of ambassador events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> AmbassadorEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(AmbassadorEnrolled)] = "ambassador.enrolled",
        [typeof(AmbassadorTierChanged)] = "ambassador.tier-changed",
        [typeof(AmbassadorPaused)] = "ambassador.paused",
        [typeof(AmbassadorResumed)] = "ambassador.resumed",
        [typeof(AmbassadorRetired)] = "ambassador.retired",
    };

    /// <summary>The stored names of referral code events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> ReferrerEventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(ReferralCodeIssued)] = "referral.code-issued",
        [typeof(ReferralCampaignCreated)] = "referral.campaign-created",
    };

    public static string AmbassadorStreamId(Guid memberId) => $"ambassador-{memberId}";

    public static string ReferrerStreamId(Guid memberId) => $"referrer-{memberId}";

    /// <summary>The member of an ambassador or referrer stream.</summary>
    public static Guid MemberIdOf(string streamId) => Guid.Parse(streamId.AsSpan(streamId.IndexOf('-', StringComparison.Ordinal) + 1));

    public static IServiceCollection AddReferrals(this IServiceCollection services, IConfiguration configuration)
    {
        var options = ReferralOptions.From(configuration);
        return services
            .AddSingleton(options)
            .AddSingleton(new EventTypes(types =>
            {
                foreach (var (type, name) in AmbassadorEventNames.Concat(ReferrerEventNames))
                {
                    types.Register(type, name);
                }
            }))
            .AddSingleton(ReferralsSchema.Tables)
            .AddSingleton(new InlineProjection(new ProgrammeProjection()))
            .AddSingleton(new InlineProjection(new ReferralFunnelProjection(options.ActivationPosts)))
            .AddSingleton<ReferralReads>()
            .AddSingleton<SuggestionReads>()
            .AddSingleton<ReferralLinks>()
            .AddScoped<ReferralAttributions>()
            .AddScoped<AmbassadorCommands>();
    }

    public static IEndpointRouteBuilder MapReferrals(this IEndpointRouteBuilder app)
    {
        app.MapAmbassadors();
        app.MapReferralLinks();
        return app;
    }
}
