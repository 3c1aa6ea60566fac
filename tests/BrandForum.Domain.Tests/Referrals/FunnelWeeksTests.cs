using BrandForum.Domain.Referrals;

namespace BrandForum.Domain.Tests.Referrals;

public sealed class FunnelWeeksTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero); // a Sunday

    [Fact]
    public void CountsEachStageInTheWeekItWasReachedMondayFirst()
    {
        var joined = new DateTimeOffset(2026, 10, 20, 9, 0, 0, TimeSpan.Zero);
        var weeks = FunnelWeeks.Of(
            [(new DateOnly(2026, 11, 17), 3), (new DateOnly(2026, 11, 16), 2), (new DateOnly(2026, 1, 1), 9)],
            [new ReferralDates(joined, joined.AddDays(2), Retained: true), new ReferralDates(Now.AddHours(-1), null, Retained: false)],
            Now,
            weeks: 6);

        Assert.Equal(6, weeks.Count);
        Assert.Equal(new DateOnly(2026, 11, 16), weeks[^1].Start);
        Assert.Equal(new FunnelWeek(new DateOnly(2026, 11, 16), 5, 1, 0, 1), weeks[^1]); // retained 30 days after 20 Oct: 19 Nov
        Assert.Equal(new FunnelWeek(new DateOnly(2026, 10, 19), 0, 1, 1, 0), weeks[1]);
        Assert.Equal(5, weeks.Sum(w => w.Visited)); // the January visits fall outside
    }

    [Fact]
    public void MondayIsTheStartOfTheWeek()
    {
        Assert.Equal(new DateOnly(2026, 11, 16), FunnelWeeks.Monday(new DateOnly(2026, 11, 22)));
        Assert.Equal(new DateOnly(2026, 11, 16), FunnelWeeks.Monday(new DateOnly(2026, 11, 16)));
    }
}
