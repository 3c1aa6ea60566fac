namespace BrandForum.Domain.Animation;

public abstract record AnnouncementCommand(Guid By, DateTimeOffset At);

/// <summary>
/// Staff put up a banner (Markdown), shown until <see cref="Until"/> (or until withdrawn) on every page, or only
/// on the pages of <see cref="Categories"/> and their topics. A new one replaces the current one.
/// </summary>
public sealed record PublishAnnouncement(Guid AnnouncementId, string Text, DateTimeOffset? Until, IReadOnlyList<string> Categories, Guid By, DateTimeOffset At)
    : AnnouncementCommand(By, At);

public sealed record WithdrawAnnouncement(Guid By, DateTimeOffset At) : AnnouncementCommand(By, At);

public abstract record AnnouncementEvent;

public sealed record AnnouncementPublished(Guid AnnouncementId, string Text, DateTimeOffset? Until, IReadOnlyList<string> Categories, Guid By, DateTimeOffset At) : AnnouncementEvent;

public sealed record AnnouncementWithdrawn(Guid AnnouncementId, Guid By, DateTimeOffset At) : AnnouncementEvent;

/// <summary>The banner up now, if any (one that expired is still "current" here; readers compare its end with the clock).</summary>
public sealed record AnnouncementState(Guid? Current)
{
    public static AnnouncementState Initial { get; } = new((Guid?)null);
}

/// <summary>The site's announcements: one stream, one banner at a time.</summary>
public static class Announcement
{
    public const int MaxTextLength = 2_000;
    public const int MaxCategories = 50;

    public static Decider<AnnouncementCommand, AnnouncementEvent, AnnouncementState> Decider { get; } = new(AnnouncementState.Initial, Decide, Evolve);

    public static Decision<AnnouncementEvent> Decide(AnnouncementCommand command, AnnouncementState state) => command switch
    {
        PublishAnnouncement p when string.IsNullOrWhiteSpace(p.Text) || p.Text.Length > MaxTextLength =>
            Decision<AnnouncementEvent>.Refuse("invalid-text", $"An announcement is 1–{MaxTextLength} characters."),
        PublishAnnouncement p when p.Until is { } until && until <= p.At =>
            Decision<AnnouncementEvent>.Refuse("invalid-until", "An announcement ends in the future."),
        PublishAnnouncement p when p.Categories.Count > MaxCategories || p.Categories.Any(c => !Categories.Category.IsValidSlug(c)) =>
            Decision<AnnouncementEvent>.Refuse("invalid-categories", "Categories are given by their slugs."),
        PublishAnnouncement p => Decision<AnnouncementEvent>.Accept(
            new AnnouncementPublished(p.AnnouncementId, p.Text.Trim(), p.Until, [.. p.Categories.Distinct(StringComparer.Ordinal)], p.By, p.At)),
        WithdrawAnnouncement w => state.Current is { } current
            ? Decision<AnnouncementEvent>.Accept(new AnnouncementWithdrawn(current, w.By, w.At))
            : Decision<AnnouncementEvent>.Nothing,
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown announcement command."),
    };

    public static AnnouncementState Evolve(AnnouncementState state, AnnouncementEvent e) => e switch
    {
        AnnouncementPublished p => new AnnouncementState(p.AnnouncementId),
        AnnouncementWithdrawn => new AnnouncementState((Guid?)null),
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown announcement event."),
    };
}
