using BrandForum.Domain.Animation;

namespace BrandForum.Domain.Tests.Animation;

public sealed class AnnouncementTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Id = Guid.Parse("0197b000-0000-7000-8000-0000000000a1");
    private static readonly Guid Cm = Guid.Parse("0197b000-0000-7000-8000-0000000000cc");

    private static Scenario<AnnouncementCommand, AnnouncementEvent, AnnouncementState> Announcements => Spec.For(Announcement.Decider);

    [Fact]
    public void PublishesABannerForSomeCategoriesUntilADate() =>
        Announcements.When(new PublishAnnouncement(Id, " Meetup **Saturday** ", At.AddDays(2), ["news", "news", "events"], Cm, At))
            .Then(new AnnouncementPublished(Id, "Meetup **Saturday**", At.AddDays(2), ["news", "events"], Cm, At));

    [Fact]
    public void RefusesAnEmptyOrHugeTextAPastEndOrBadCategories()
    {
        Announcements.When(new PublishAnnouncement(Id, " ", null, [], Cm, At)).ThenFails("invalid-text");
        Announcements.When(new PublishAnnouncement(Id, new string('a', 2001), null, [], Cm, At)).ThenFails("invalid-text");
        Announcements.When(new PublishAnnouncement(Id, "Hello", At, [], Cm, At)).ThenFails("invalid-until");
        Announcements.When(new PublishAnnouncement(Id, "Hello", null, ["Not a slug!"], Cm, At)).ThenFails("invalid-categories");
    }

    [Fact]
    public void WithdrawsTheCurrentBannerOnce()
    {
        var published = new AnnouncementPublished(Id, "Hello", null, [], Cm, At);
        Announcements.Given(published).When(new WithdrawAnnouncement(Cm, At.AddHours(1))).Then(new AnnouncementWithdrawn(Id, Cm, At.AddHours(1)));
        Announcements.Given(published, new AnnouncementWithdrawn(Id, Cm, At.AddHours(1))).When(new WithdrawAnnouncement(Cm, At.AddHours(2))).ThenNothing();
        Announcements.When(new WithdrawAnnouncement(Cm, At)).ThenNothing();
    }
}
