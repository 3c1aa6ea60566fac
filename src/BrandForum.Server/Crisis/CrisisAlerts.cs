using BrandForum.Domain.Crisis;
using BrandForum.EventStore;
using BrandForum.Server.Live;

namespace BrandForum.Server.Crisis;

/// <summary>Crisis events as the CMs' `moderation` channel carries them: started, changed, ended, for staff only.</summary>
public static class CrisisAlerts
{
    private static readonly Audience Staff = new([], StaffOnly: true);

    public static bool MayConcern(RecordedEvent e, string channel) => e.StreamType == "crisis" && channel == LiveChannels.Moderation;

    public static IReadOnlyList<LiveItem> ItemsOf(RecordedEvent e) => e.Data switch
    {
        CrisisStarted s => [Item(e, "crisis-started", s.Scope, s.Terms, s.At)],
        CrisisChanged c => [Item(e, "crisis-changed", c.Scope, c.Terms, c.At)],
        CrisisEnded x => [new LiveItem(e.Position, LiveChannels.Moderation, "crisis-ended", new { scope = x.Scope, lifted = x.By is not null, at = x.At }, Staff)],
        _ => [],
    };

    private static LiveItem Item(RecordedEvent e, string type, string scope, CrisisTerms terms, DateTimeOffset at) => new(
        e.Position,
        LiveChannels.Moderation,
        type,
        new { scope, slowModeSeconds = terms.SlowModeSeconds, holdBelowTrustLevel = terms.HoldBelowTrustLevel, statement = terms.Statement, until = terms.Until, at },
        Staff);
}
