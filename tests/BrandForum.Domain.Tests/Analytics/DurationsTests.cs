using BrandForum.Domain.Analytics;

namespace BrandForum.Domain.Tests.Analytics;

public sealed class DurationsTests
{
    [Fact]
    public void MedianOfAnEvenCountIsTheMeanOfTheTwoMiddleValuesAndP90IsANearestRank()
    {
        Assert.Equal(new DurationSummary(4, 4.5, 3.0, 11.0), Durations.Summarise([1, 2, 4, 11]));
        Assert.Equal(new DurationSummary(10, 5.5, 5.5, 9.0), Durations.Summarise([.. Enumerable.Range(1, 10).Select(i => (double)i)]));
        Assert.Equal(new DurationSummary(1, 7.0, 7.0, 7.0), Durations.Summarise([7]));
    }

    [Fact]
    public void NothingToSummariseOrDivideIsUnknownNotZero()
    {
        Assert.Equal(new DurationSummary(0, null, null, null), Durations.Summarise([]));
        Assert.Null(Durations.Ratio(3, 0));
        Assert.Equal(0.6667, Durations.Ratio(2, 3));
    }
}
