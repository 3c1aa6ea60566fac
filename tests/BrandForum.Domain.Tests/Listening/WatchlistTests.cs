using BrandForum.Domain.Listening;

namespace BrandForum.Domain.Tests.Listening;

public sealed class WatchlistTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid Cm = Guid.Parse("0197d000-0000-7000-8000-000000000031");
    private static Scenario<SetWatchlist, WatchlistEvent, WatchlistState> List => Spec.For(Watchlist.Decider);

    [Fact]
    public void SetsTheTermsTrimmedAndWithoutRepeatsAsTheMatcherSeesThem()
    {
        List.When(new SetWatchlist([" Vélo ", "velo", "#Launch2026", "rival  bikes", "e-bike*"], Cm, At))
            .Then(new WatchlistSet(["Vélo", "#Launch2026", "rival bikes", "e-bike*"], Cm, At));
    }

    [Fact]
    public void TheSameListAgainChangesNothing()
    {
        List.Given(new WatchlistSet(["Vélo"], Cm, At)).When(new SetWatchlist(["Vélo "], Cm, At)).ThenNothing();
        List.Given(new WatchlistSet(["Vélo"], Cm, At)).When(new SetWatchlist([], Cm, At)).Then(new WatchlistSet([], Cm, At));
    }

    [Fact]
    public void RefusesEmptyOverlongOrStarOnlyTermsAndTooManyTerms()
    {
        List.When(new SetWatchlist(["  "], Cm, At)).ThenFails("invalid-term");
        List.When(new SetWatchlist(["**"], Cm, At)).ThenFails("invalid-term");
        List.When(new SetWatchlist([new string('x', Watchlist.MaxTermLength + 1)], Cm, At)).ThenFails("invalid-term");
        List.When(new SetWatchlist([.. Enumerable.Range(0, Watchlist.MaxTerms + 1).Select(i => $"{(char)('a' + (i % 26))}q{(char)('a' + (i / 26))}word")], Cm, At)).ThenFails("too-many-terms");
    }
}
