using BrandForum.Domain.Badges;

namespace BrandForum.Domain.Tests.Badges;

public sealed class MemberBadgesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Fan = Guid.Parse("0197d000-0000-7000-8000-000000000021");
    private static readonly Guid Cm = Guid.Parse("0197d000-0000-7000-8000-000000000022");
    private static Scenario<BadgeCommand, BadgeEvent, MemberBadgesState> Badges => Spec.For(MemberBadges.DeciderFor(Fan));

    [Fact]
    public void GrantsWithAReasonOnceUnlessTheBadgeIsMultiple()
    {
        var hosted = new BadgeGranted(Fan, "event-host", "Ran the June meetup", Cm, At);
        Badges.When(new GrantBadge("event-host", true, " Ran the June meetup ", Cm, At)).Then(hosted);
        Badges.Given(hosted).When(new GrantBadge("event-host", true, "Again in July", Cm, At)).Then(new BadgeGranted(Fan, "event-host", "Again in July", Cm, At));
        Badges.Given(new BadgeGranted(Fan, "hero", "Saved the day", Cm, At)).When(new GrantBadge("hero", false, "Twice", Cm, At)).ThenFails("badge-exists");
        Badges.When(new GrantBadge("event-host", true, "  ", Cm, At)).ThenFails("invalid-reason");
        Badges.When(new GrantBadge("event-host", true, new string('x', MemberBadges.MaxReasonLength + 1), Cm, At)).ThenFails("invalid-reason");
    }

    [Fact]
    public void RevokesOneAwardOfARevocableBadgeTheMemberHolds()
    {
        var hosted = new BadgeGranted(Fan, "event-host", "Ran the June meetup", Cm, At);
        Badges.Given(hosted).When(new RevokeBadge("event-host", true, "Double entry", Cm, At)).Then(new BadgeRevoked(Fan, "event-host", "Double entry", Cm, At));
        Badges.Given(hosted, new BadgeRevoked(Fan, "event-host", null, Cm, At)).When(new RevokeBadge("event-host", true, null, Cm, At)).ThenFails("badge-not-found");
        Badges.When(new RevokeBadge("event-host", true, null, Cm, At)).ThenFails("badge-not-found");
        Badges.Given(new BadgeGranted(Fan, "hero", "Saved the day", Cm, At)).When(new RevokeBadge("hero", false, null, Cm, At)).ThenFails("cannot-revoke-badge");
    }
}
