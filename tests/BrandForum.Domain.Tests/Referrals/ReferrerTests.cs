using BrandForum.Domain.Referrals;

namespace BrandForum.Domain.Tests.Referrals;

public sealed class ReferrerTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Amb = Guid.Parse("0197d000-0000-7000-8000-000000000011");
    private static Scenario<ReferrerCommand, ReferrerEvent, ReferrerState> Codes => Spec.For(Referrer.DeciderFor(Amb));

    [Fact]
    public void IssuesThePersonalCodeOnceSoSharedLinksKeepWorking()
    {
        Codes.When(new IssueReferralCode("7k2m9qxa", true, At)).Then(new ReferralCodeIssued(Amb, "7k2m9qxa", At));
        Codes.Given(new ReferralCodeIssued(Amb, "7k2m9qxa", At)).When(new IssueReferralCode("zzzzzzzz", true, At)).ThenNothing();
        Codes.Given(new ReferralCodeIssued(Amb, "7k2m9qxa", At)).When(new IssueReferralCode("zzzzzzzz", false, At)).ThenNothing();
    }

    [Fact]
    public void OnlyThoseWhoMayReferGetCodes()
    {
        Codes.When(new IssueReferralCode("7k2m9qxa", false, At)).ThenFails("referrals-closed");
        Codes.When(new CreateReferralCampaign("instagram-story-june", "7k2m9qxa", false, At)).ThenFails("referrals-closed");
    }

    [Fact]
    public void CreatesLabelledCampaignsAndTheSameLabelIsTheSameCampaign()
    {
        var created = new ReferralCampaignCreated(Amb, "instagram-story-june", "b3c4d5e6", At);
        Codes.When(new CreateReferralCampaign("instagram-story-june", "b3c4d5e6", true, At)).Then(created);
        Codes.Given(created).When(new CreateReferralCampaign("instagram-story-june", "ffffffff", true, At)).ThenNothing();
    }

    [Theory]
    [InlineData("")]
    [InlineData("Instagram")]
    [InlineData("story june")]
    [InlineData("été")]
    [InlineData("a-label-that-is-longer-than-forty-chars-x")]
    public void RefusesLabelsOutsideTheRule(string label) =>
        Codes.When(new CreateReferralCampaign(label, "b3c4d5e6", true, At)).ThenFails("invalid-label");

    [Fact]
    public void CapsTheNumberOfCampaigns()
    {
        var history = Enumerable.Range(0, Referrer.MaxCampaigns).Select(i => new ReferralCampaignCreated(Amb, $"c{i}", $"0000000{i % 10}", At)).ToArray<ReferrerEvent>();
        Codes.Given(history).When(new CreateReferralCampaign("one-more", "b3c4d5e6", true, At)).ThenFails("too-many-campaigns");
    }

    [Fact]
    public void RefusesMalformedCodes()
    {
        Codes.When(new IssueReferralCode("ILLEGAL1", true, At)).ThenFails("invalid-code");
        Codes.When(new CreateReferralCampaign("ok", "short", true, At)).ThenFails("invalid-code");
    }

    [Fact]
    public void CodesAreEightUnambiguousCharactersFromFortyBits()
    {
        Assert.Equal("00000000", ReferralCodes.Encode([0, 0, 0, 0, 0]));
        Assert.Equal("zzzzzzzz", ReferralCodes.Encode([255, 255, 255, 255, 255]));
        Assert.Equal("0000001z", ReferralCodes.Encode([0, 0, 0, 0, 63]));
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[5];
            random.NextBytes(bytes);
            var code = ReferralCodes.Encode(bytes);
            Assert.True(ReferralCodes.IsWellFormed(code), code);
            Assert.DoesNotContain(code, c => c is 'i' or 'l' or 'o' or 'u');
        }

        Assert.Throws<ArgumentException>(() => ReferralCodes.Encode([1, 2, 3]));
    }

    [Theory]
    [InlineData(" 7K2M9QXA ", "7k2m9qxa")]
    [InlineData("7k2m9qxa", "7k2m9qxa")]
    [InlineData("7k2m9qx", null)]
    [InlineData("7k2m9qxo", null)]
    [InlineData(null, null)]
    public void NormalizesWhatPeopleType(string? typed, string? code) => Assert.Equal(code, ReferralCodes.Normalize(typed));
}
