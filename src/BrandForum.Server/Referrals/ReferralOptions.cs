using BrandForum.Domain.Referrals;

namespace BrandForum.Server.Referrals;

/// <summary>Forum:Referrals — who gets referral links, what counts as activated, how many referrals a code earns a day.</summary>
public sealed record ReferralOptions(bool OpenToAll, int ActivationPosts, int DailyCap)
{
    public static ReferralOptions From(IConfiguration configuration)
    {
        var section = configuration.GetSection("Forum:Referrals");
        var options = new ReferralOptions(
            section.GetValue("OpenToAll", false),
            section.GetValue("ActivationPosts", ReferralFunnel.DefaultActivationPosts),
            section.GetValue("DailyCap", ReferralAttribution.DefaultDailyCap));
        return options is { ActivationPosts: >= 1, DailyCap: >= 0 }
            ? options
            : throw new Storage.StartupException("Forum:Referrals:ActivationPosts must be at least 1 and Forum:Referrals:DailyCap at least 0.");
    }
}
