using BrandForum.Domain.Crisis;

namespace BrandForum.Domain.Tests.Crisis;

public sealed class CrisisModeTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Cm = Guid.Parse("0197d000-0000-7000-8000-000000000041");
    private static readonly CrisisTerms Terms = new(60, 2, "We are on it.", At.AddHours(2));
    private static readonly CrisisStarted Started = new("site", Terms, Cm, At);

    private static Scenario<CrisisCommand, CrisisEvent, CrisisState> Site => Spec.For(CrisisMode.DeciderFor("site"));

    [Fact]
    public void StartsChangesAndRefusesBadTerms()
    {
        Site.When(new DeclareCrisis("site", Terms, Cm, At)).Then(Started);
        Site.Given(Started).When(new DeclareCrisis("site", Terms, Cm, At.AddMinutes(5))).ThenNothing();
        Site.Given(Started).When(new DeclareCrisis("site", Terms with { SlowModeSeconds = 0 }, Cm, At.AddMinutes(5)))
            .Then(new CrisisChanged("site", Terms with { SlowModeSeconds = 0 }, Cm, At.AddMinutes(5)));
        Site.When(new DeclareCrisis("site", Terms with { SlowModeSeconds = -1 }, Cm, At)).ThenFails("invalid-slow-mode");
        Site.When(new DeclareCrisis("site", Terms with { HoldBelowTrustLevel = 6 }, Cm, At)).ThenFails("invalid-trust-level");
        Site.When(new DeclareCrisis("site", Terms with { Statement = " " }, Cm, At)).ThenFails("invalid-statement");
        Site.When(new DeclareCrisis("site", Terms with { Until = At }, Cm, At)).ThenFails("invalid-until");
        Site.When(new DeclareCrisis("site", Terms with { Until = At.AddDays(31) }, Cm, At)).ThenFails("invalid-until");
    }

    [Fact]
    public void EndsWhenLiftedOrOnceItsTimeHasPassed()
    {
        Site.Given(Started).When(new EndCrisis(Cm, At.AddMinutes(30))).Then(new CrisisEnded("site", Cm, At.AddMinutes(30)));
        Site.Given(Started).When(new EndCrisis(null, At.AddMinutes(30))).ThenNothing(); // not over yet
        Site.Given(Started).When(new EndCrisis(null, At.AddHours(3))).Then(new CrisisEnded("site", null, Terms.Until));
        Site.When(new EndCrisis(Cm, At)).ThenNothing();
        Site.Given(Started, new CrisisEnded("site", Cm, At)).When(new EndCrisis(Cm, At)).ThenNothing();
    }

    [Fact]
    public void ANewCrisisAfterOneRanOutRecordsTheOldEndFirst()
    {
        var later = At.AddHours(5);
        var again = Terms with { Until = later.AddHours(1) };
        Site.Given(Started).When(new DeclareCrisis("site", again, Cm, later))
            .Then(new CrisisEnded("site", null, Terms.Until), new CrisisStarted("site", again, Cm, later));
        Assert.False(CrisisMode.DeciderFor("site").Fold([Started]).InForce(later));
    }
}
