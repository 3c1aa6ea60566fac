using BrandForum.Domain.Moderation;

namespace BrandForum.Domain.Tests.Moderation;

public sealed class SanctionTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Member = Guid.Parse("0197c000-0000-7000-8000-00000000000a");
    private static readonly Guid Moderator = Guid.Parse("0197c000-0000-7000-8000-00000000000b");
    private static readonly Guid Other = Guid.Parse("0197c000-0000-7000-8000-00000000000c");
    private static readonly Guid S1 = Guid.Parse("0197c000-0000-7000-8000-000000000001");
    private static readonly Guid S2 = Guid.Parse("0197c000-0000-7000-8000-000000000002");
    private static readonly Guid Appeal = Guid.Parse("0197c000-0000-7000-8000-0000000000a1");
    private static Scenario<SanctionCommand, SanctionEvent, SanctionsState> Sanction => Spec.For(Sanctions.DeciderFor(Member));

    private static SanctionImposed Silenced(Guid id, DateTimeOffset at, int hours) => new(id, Member, SanctionKind.Silence, "Insults", Moderator, at, at.AddHours(hours));

    [Fact]
    public void RepeatOffencesClimbTheDefaultSteps()
    {
        Sanction.When(new ImposeSanction(S1, SanctionKind.Silence, null, "Insults", Moderator, At)).Then(Silenced(S1, At, 24));
        Sanction.Given(Silenced(S1, At.AddDays(-10), 24)).When(new ImposeSanction(S2, SanctionKind.Suspend, null, "Again", Moderator, At))
            .Then(new SanctionImposed(S2, Member, SanctionKind.Suspend, "Again", Moderator, At, At.AddHours(72)));
        var history = Enumerable.Range(0, 5).Select(i => Silenced(Guid.NewGuid(), At.AddDays(-60 + i), 24)).ToArray<SanctionEvent>();
        Sanction.Given(history).When(new ImposeSanction(S2, SanctionKind.Silence, null, "Still", Moderator, At))
            .Then(new SanctionImposed(S2, Member, SanctionKind.Silence, "Still", Moderator, At, At.AddDays(30)));
    }

    [Fact]
    public void ModeratorsMaySetTheDurationWarningsAndBansHaveNone()
    {
        Sanction.When(new ImposeSanction(S1, SanctionKind.Suspend, 5, "Cool down", Moderator, At))
            .Then(new SanctionImposed(S1, Member, SanctionKind.Suspend, "Cool down", Moderator, At, At.AddHours(5)));
        Sanction.When(new ImposeSanction(S1, SanctionKind.Warn, null, "Mind the tone", Moderator, At))
            .Then(new SanctionImposed(S1, Member, SanctionKind.Warn, "Mind the tone", Moderator, At, null));
        Sanction.When(new ImposeSanction(S1, SanctionKind.Ban, null, "Spam bot", Moderator, At))
            .Then(new SanctionImposed(S1, Member, SanctionKind.Ban, "Spam bot", Moderator, At, null));
        Sanction.When(new ImposeSanction(S1, SanctionKind.Ban, 5, "x", Moderator, At)).ThenFails("invalid-hours");
        Sanction.When(new ImposeSanction(S1, SanctionKind.Silence, 0, "x", Moderator, At)).ThenFails("invalid-hours");
    }

    [Fact]
    public void AReasonIsRequiredAndNobodySanctionsThemselves()
    {
        Sanction.When(new ImposeSanction(S1, SanctionKind.Warn, null, "  ", Moderator, At)).ThenFails("invalid-reason");
        Sanction.When(new ImposeSanction(S1, SanctionKind.Warn, null, new string('r', 501), Moderator, At)).ThenFails("invalid-reason");
        Sanction.When(new ImposeSanction(S1, SanctionKind.Warn, null, "me", Member, At)).ThenFails("not-allowed");
        Sanction.Given(Silenced(S1, At, 24)).When(new ImposeSanction(S1, SanctionKind.Silence, null, "Insults", Moderator, At)).ThenNothing();
    }

    [Fact]
    public void SanctionsEndOrAreLiftedEarly()
    {
        var state = Sanctions.DeciderFor(Member).Fold([Silenced(S1, At, 24)]);
        Assert.True(state.IsActive(SanctionKind.Silence, At.AddHours(23)));
        Assert.False(state.IsActive(SanctionKind.Silence, At.AddHours(25)));
        Sanction.Given(Silenced(S1, At, 24)).When(new LiftSanction(S1, "Apologised", Moderator, At.AddHours(1)))
            .Then(new SanctionLifted(S1, "Apologised", Moderator, At.AddHours(1)));
        Sanction.Given(Silenced(S1, At, 24)).When(new LiftSanction(S1, "Late", Moderator, At.AddHours(30))).ThenNothing();
        Sanction.When(new LiftSanction(S1, "x", Moderator, At)).ThenFails("sanction-not-found");
        Assert.False(Sanctions.DeciderFor(Member).Fold([Silenced(S1, At, 24), new SanctionLifted(S1, "ok", Moderator, At.AddHours(1))]).IsActive(SanctionKind.Silence, At.AddHours(2)));
    }

    [Fact]
    public void TheMemberAppealsOnceAndAModeratorDecides()
    {
        var appealed = new SanctionAppealed(S1, Appeal, "It was a joke", At.AddHours(1));
        Sanction.Given(Silenced(S1, At, 24)).When(new AppealSanction(S1, Appeal, " It was a joke ", Member, At.AddHours(1))).Then(appealed);
        Sanction.Given(Silenced(S1, At, 24)).When(new AppealSanction(S1, Appeal, "Let him off", Other, At.AddHours(1))).ThenFails("not-allowed");
        Sanction.Given(Silenced(S1, At, 24), appealed).When(new AppealSanction(S1, Guid.NewGuid(), "Again", Member, At.AddHours(2))).ThenFails("already-appealed");
        Sanction.Given(Silenced(S1, At, 24)).When(new AppealSanction(S1, Appeal, "Too late", Member, At.AddHours(30))).ThenFails("sanction-ended");

        Sanction.Given(Silenced(S1, At, 24), appealed).When(new DecideAppeal(Appeal, true, "Fair point", Moderator, At.AddHours(2)))
            .Then(new AppealDecided(Appeal, S1, true, "Fair point", Moderator, At.AddHours(2)), new SanctionLifted(S1, "Fair point", Moderator, At.AddHours(2)));
        Sanction.Given(Silenced(S1, At, 24), appealed).When(new DecideAppeal(Appeal, false, "Rules are rules", Moderator, At.AddHours(2)))
            .Then(new AppealDecided(Appeal, S1, false, "Rules are rules", Moderator, At.AddHours(2)));
        Sanction.Given(Silenced(S1, At, 24), appealed, new AppealDecided(Appeal, S1, false, "No", Moderator, At.AddHours(2)))
            .When(new DecideAppeal(Appeal, true, "Changed my mind", Moderator, At.AddHours(3))).ThenFails("appeal-decided");
        Sanction.Given(Silenced(S1, At, 24), appealed).When(new DecideAppeal(Appeal, true, "Mine", Member, At.AddHours(2))).ThenFails("not-allowed");
    }
}
