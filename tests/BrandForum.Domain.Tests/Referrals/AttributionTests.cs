using BrandForum.Domain.Referrals;

namespace BrandForum.Domain.Tests.Referrals;

public sealed class AttributionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Amb = Guid.Parse("0197d000-0000-7000-8000-000000000021");
    private static readonly Guid Newcomer = Guid.Parse("0197d000-0000-7000-8000-000000000022");
    private static readonly CodeOwner Owner = new(Amb, true, "lumio.example", [new Sighting("203.0.113.7", At.AddHours(-2))], 0);

    private static Attribution Attribute(CodeOwner? owner, string domain = "mail.example", string? address = "198.51.100.4", int cap = 20) =>
        ReferralAttribution.Attribute(new ReferralClaim(Newcomer, domain, address, At, owner), cap);

    [Fact]
    public void CreditsTheCodesOwner() => Assert.Equal(Attribution.To(Amb), Attribute(Owner));

    [Fact]
    public void NobodyIsCreditedForAnUnknownCodeOrAnOwnerWhoMayNotRefer()
    {
        Assert.Equal(Attribution.None("unknown-code"), Attribute(null));
        Assert.Equal(Attribution.None("not-eligible"), Attribute(Owner with { MayRefer = false }));
    }

    [Fact]
    public void RefusesTheSameAccount() => Assert.Equal(Attribution.None("self-referral"), Attribute(Owner with { MemberId = Newcomer }));

    [Fact]
    public void RefusesTheSameEmailDomainFromTheSameAddressWithinADayOfTheOwnersSighting()
    {
        Assert.Equal(Attribution.None("self-referral"), Attribute(Owner, domain: "LUMIO.example", address: "203.0.113.7"));
        Assert.Equal(Attribution.None("self-referral"), Attribute(Owner with { Sightings = [new Sighting("203.0.113.7", At.AddHours(-24))] }, "lumio.example", "203.0.113.7"));
    }

    [Fact]
    public void RefusesANewcomerOnADeviceTheOwnerUsedWhateverTheAddressAndDomain()
    {
        var owner = Owner with { Devices = ["dev-owner-laptop"] };
        Assert.Equal(Attribution.None("self-referral"), ReferralAttribution.Attribute(new ReferralClaim(Newcomer, "mail.example", "198.51.100.4", At, owner, "dev-owner-laptop"), 20));
        Assert.Equal(Attribution.To(Amb), ReferralAttribution.Attribute(new ReferralClaim(Newcomer, "mail.example", "198.51.100.4", At, owner, "dev-friend-phone"), 20));
        Assert.Equal(Attribution.To(Amb), ReferralAttribution.Attribute(new ReferralClaim(Newcomer, "mail.example", "198.51.100.4", At, owner, null), 20));
    }

    [Fact]
    public void CreditsWhenOnlyOneOfDomainAddressAndTimeMatches()
    {
        Assert.Equal(Attribution.To(Amb), Attribute(Owner, domain: "lumio.example", address: "198.51.100.4"));
        Assert.Equal(Attribution.To(Amb), Attribute(Owner, domain: "mail.example", address: "203.0.113.7"));
        Assert.Equal(Attribution.To(Amb), Attribute(Owner with { Sightings = [new Sighting("203.0.113.7", At.AddHours(-25))] }, "lumio.example", "203.0.113.7"));
        Assert.Equal(Attribution.To(Amb), Attribute(Owner, domain: "lumio.example", address: null));
    }

    [Fact]
    public void StopsCreditingACodeAtTheDailyCap()
    {
        Assert.Equal(Attribution.To(Amb), Attribute(Owner with { ReferralsToday = 19 }));
        Assert.Equal(Attribution.None("daily-cap"), Attribute(Owner with { ReferralsToday = 20 }));
        Assert.Equal(Attribution.None("daily-cap"), Attribute(Owner with { ReferralsToday = 2 }, cap: 2));
    }

    [Theory]
    [InlineData("fan@Example.COM", "example.com")]
    [InlineData("\"a@b\"@mail.example", "mail.example")]
    public void TheEmailDomainIsWhatFollowsTheLastAt(string email, string domain) => Assert.Equal(domain, ReferralAttribution.EmailDomain(email));

    [Fact]
    public void AReferralIsActivatedThenRetainedOrStruck()
    {
        Assert.Equal(ReferralStage.Registered, ReferralFunnel.StageOf(At, null, At.AddDays(40), false));
        Assert.Equal(ReferralStage.Activated, ReferralFunnel.StageOf(At, At.AddDays(2), At.AddDays(29), false));
        Assert.Equal(ReferralStage.Activated, ReferralFunnel.StageOf(At, At.AddDays(2), null, false));
        Assert.Equal(ReferralStage.Retained, ReferralFunnel.StageOf(At, At.AddDays(2), At.AddDays(30), false));
        Assert.Equal(ReferralStage.Struck, ReferralFunnel.StageOf(At, At.AddDays(2), At.AddDays(31), true));
    }
}
