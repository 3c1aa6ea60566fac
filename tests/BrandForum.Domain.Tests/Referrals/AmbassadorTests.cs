using BrandForum.Domain.Referrals;

namespace BrandForum.Domain.Tests.Referrals;

public sealed class AmbassadorTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Fan = Guid.Parse("0197d000-0000-7000-8000-000000000001");
    private static readonly Guid Cm = Guid.Parse("0197d000-0000-7000-8000-000000000002");
    private static readonly AmbassadorEnrolled Enrolled = new(Fan, AmbassadorTier.Ambassador, "Runs the Lyon meetups", Cm, At);
    private static Scenario<AmbassadorCommand, AmbassadorEvent, AmbassadorState> Programme => Spec.For(Ambassador.DeciderFor(Fan));

    [Fact]
    public void EnrolsAMemberAtATierWithTheNote() =>
        Programme.When(new EnrolAmbassador(1, " Runs the Lyon meetups ", Cm, At)).Then(Enrolled);

    [Theory]
    [InlineData(0)]
    [InlineData(4)]
    [InlineData(-1)]
    public void RefusesATierOutsideTheProgramme(int tier) =>
        Programme.When(new EnrolAmbassador(tier, null, Cm, At)).ThenFails("invalid-tier");

    [Fact]
    public void RefusesANoteThatIsTooLong() =>
        Programme.When(new EnrolAmbassador(1, new string('n', 501), Cm, At)).ThenFails("invalid-note");

    [Fact]
    public void PromotesAndDemotesACurrentAmbassadorAndTheSameTierIsNoChange()
    {
        Programme.Given(Enrolled).When(new EnrolAmbassador(3, "Brought 30 riders", Cm, At))
            .Then(new AmbassadorTierChanged(AmbassadorTier.Ambassador, AmbassadorTier.Champion, "Brought 30 riders", Cm, At));
        Programme.Given(Enrolled, new AmbassadorTierChanged(AmbassadorTier.Ambassador, AmbassadorTier.Champion, null, Cm, At))
            .When(new EnrolAmbassador(2, null, Cm, At)).Then(new AmbassadorTierChanged(AmbassadorTier.Champion, AmbassadorTier.Senior, null, Cm, At));
        Programme.Given(Enrolled).When(new EnrolAmbassador(1, "again", Cm, At)).ThenNothing();
    }

    [Fact]
    public void PausesAndResumesOnlyACurrentAmbassador()
    {
        Programme.Given(Enrolled).When(new PauseAmbassador("On leave", Cm, At)).Then(new AmbassadorPaused("On leave", Cm, At));
        Programme.Given(Enrolled, new AmbassadorPaused(null, Cm, At)).When(new PauseAmbassador(null, Cm, At)).ThenNothing();
        Programme.Given(Enrolled, new AmbassadorPaused(null, Cm, At)).When(new ResumeAmbassador("Back", Cm, At)).Then(new AmbassadorResumed("Back", Cm, At));
        Programme.Given(Enrolled).When(new ResumeAmbassador(null, Cm, At)).ThenNothing();
        Programme.When(new PauseAmbassador(null, Cm, At)).ThenFails("ambassador-not-found");
        Programme.Given(Enrolled, new AmbassadorRetired(null, Cm, At)).When(new ResumeAmbassador(null, Cm, At)).ThenFails("ambassador-not-found");
    }

    [Fact]
    public void RetiresOnceAndARetiredMemberCanBeEnrolledAfresh()
    {
        Programme.Given(Enrolled, new AmbassadorPaused(null, Cm, At)).When(new RetireAmbassador("Moved on", Cm, At)).Then(new AmbassadorRetired("Moved on", Cm, At));
        Programme.Given(Enrolled, new AmbassadorRetired(null, Cm, At)).When(new RetireAmbassador(null, Cm, At)).ThenNothing();
        Programme.When(new RetireAmbassador(null, Cm, At)).ThenFails("ambassador-not-found");
        Programme.Given(Enrolled, new AmbassadorRetired(null, Cm, At)).When(new EnrolAmbassador(2, null, Cm, At.AddDays(9)))
            .Then(new AmbassadorEnrolled(Fan, AmbassadorTier.Senior, null, Cm, At.AddDays(9)));
    }

    [Fact]
    public void ThePausedStillHoldTheRoleTheRetiredDoNot()
    {
        var decider = Ambassador.DeciderFor(Fan);
        Assert.True(decider.Fold([Enrolled, new AmbassadorPaused(null, Cm, At)]).IsCurrent);
        Assert.False(decider.Fold([Enrolled, new AmbassadorRetired(null, Cm, At)]).IsCurrent);
        Assert.Equal(At.AddDays(3), decider.Fold([Enrolled, new AmbassadorRetired(null, Cm, At), Enrolled with { At = At.AddDays(3) }]).Since);
    }
}
