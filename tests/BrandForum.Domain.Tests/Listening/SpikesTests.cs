using BrandForum.Domain.Listening;

namespace BrandForum.Domain.Tests.Listening;

public sealed class SpikesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 14, 0, 0, TimeSpan.Zero);

    private static Dictionary<DateTimeOffset, int> Steady(int perHour, int current) =>
        Enumerable.Range(1, 24).ToDictionary(h => Now.AddHours(-h), _ => perHour).Append(new(Now, current)).ToDictionary();

    [Fact]
    public void ASpikeIsThreeTimesTheTrailingHourlyAverageAndAtLeastTheMinimum()
    {
        Assert.Equal((true, 6, 2.0), Spikes.Check(Steady(2, 6), Now, 3, 5));
        Assert.Equal((false, 5, 2.0), Spikes.Check(Steady(2, 5), Now, 3, 5));   // 2.5× only
        Assert.Equal((false, 4, 0.0), Spikes.Check(Steady(0, 4), Now, 3, 5));   // under the minimum
        Assert.Equal((true, 5, 0.0), Spikes.Check(Steady(0, 5), Now, 3, 5));
    }

    [Fact]
    public void HoursOlderThanADayDoNotCount()
    {
        var counts = new Dictionary<DateTimeOffset, int> { [Now.AddHours(-25)] = 100, [Now] = 5 };
        Assert.Equal((true, 5, 0.0), Spikes.Check(counts, Now, 3, 5));
    }
}
