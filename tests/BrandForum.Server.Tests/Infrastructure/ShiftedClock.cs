namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>The real clock moved forward by what the test says: time-driven work (publishing, expiries) runs on it without waiting.</summary>
public sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);
}
