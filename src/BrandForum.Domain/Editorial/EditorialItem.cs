namespace BrandForum.Domain.Editorial;

/// <summary>Where an item stands. Stored as numbers in events: the values never change.</summary>
public enum ItemStage
{
    Idea = 0,
    Draft = 1,
    Review = 2,
    Scheduled = 3,
    Published = 4,
    Cancelled = 5,
}

/// <summary>
/// "Every Tuesday 10:00 Europe/Paris": <see cref="Frequency"/> is daily, weekly (with <see cref="Day"/>) or monthly
/// (with <see cref="DayOfMonth"/>); <see cref="Time"/> is a local "HH:mm" in <see cref="TimeZone"/> (IANA id). The
/// server validates it and works out the instants (time zones are data the domain does not read).
/// </summary>
public sealed record Recurrence(string Frequency, string Time, string TimeZone, string? Day = null, int? DayOfMonth = null);

public abstract record EditorialCommand(Guid By, DateTimeOffset At);

/// <summary><see cref="AsBrand"/>: published under the brand's account instead of the owner's.</summary>
public sealed record CreateItem(Guid ItemId, string Category, string Title, string Body, DateTimeOffset PublishAt, Recurrence? Recurrence, bool AsBrand, Guid By, DateTimeOffset At)
    : EditorialCommand(By, At);

/// <summary>Changes the content; a null field stays as it is. <see cref="ClearRecurrence"/> makes a recurring item one-off.</summary>
public sealed record EditItem(string? Category, string? Title, string? Body, Recurrence? Recurrence, bool ClearRecurrence, bool? AsBrand, Guid By, DateTimeOffset At)
    : EditorialCommand(By, At);

/// <summary>Moves the item along its workflow; moving from review to scheduled is the approval.</summary>
public sealed record MoveItem(ItemStage To, Guid By, DateTimeOffset At) : EditorialCommand(By, At);

public sealed record RescheduleItem(DateTimeOffset PublishAt, Guid By, DateTimeOffset At) : EditorialCommand(By, At);

/// <summary>
/// The publisher publishes occurrence <see cref="Occurrence"/> (planned for <see cref="ScheduledFor"/>) as topic
/// <see cref="TopicId"/> written by <see cref="AuthorId"/> (the owner or the brand's account);
/// <see cref="NextPublishAt"/> is the next occurrence of a recurring item, null for a one-off.
/// </summary>
public sealed record PublishOccurrence(int Occurrence, DateTimeOffset ScheduledFor, Guid TopicId, Guid AuthorId, DateTimeOffset? NextPublishAt, Guid By, DateTimeOffset At)
    : EditorialCommand(By, At);

public abstract record EditorialEvent(Guid ItemId);

public sealed record ItemCreated(Guid ItemId, Guid OwnerId, string Category, string Title, string Body, DateTimeOffset PublishAt, Recurrence? Recurrence, bool AsBrand, DateTimeOffset At)
    : EditorialEvent(ItemId);

/// <summary>The content after the edit, in full.</summary>
public sealed record ItemEdited(Guid ItemId, string Category, string Title, string Body, Recurrence? Recurrence, bool AsBrand, Guid By, DateTimeOffset At) : EditorialEvent(ItemId);

/// <summary>A move along the workflow; <c>From = Review, To = Scheduled</c> is an approval by <see cref="By"/>, never the owner.</summary>
public sealed record ItemMoved(Guid ItemId, ItemStage From, ItemStage To, Guid By, DateTimeOffset At) : EditorialEvent(ItemId);

public sealed record ItemRescheduled(Guid ItemId, DateTimeOffset From, DateTimeOffset To, Guid By, DateTimeOffset At) : EditorialEvent(ItemId);

/// <summary>
/// Occurrence <see cref="Occurrence"/> is published: recorded before the topic is started, with what the topic will
/// say, so the topic (whose id is derived from item and occurrence) can be started again after a crash and never twice.
/// </summary>
public sealed record ItemPublished(
    Guid ItemId, int Occurrence, DateTimeOffset ScheduledFor, Guid TopicId, string Category, string Title, string Body, Guid AuthorId, DateTimeOffset? NextPublishAt, DateTimeOffset At)
    : EditorialEvent(ItemId);

/// <summary><see cref="Occurrence"/>: the number of the next occurrence to publish, from 1.</summary>
public sealed record EditorialItemState(
    bool Exists, Guid ItemId, Guid OwnerId, ItemStage Stage, string Category, string Title, string Body, DateTimeOffset PublishAt, Recurrence? Recurrence, bool AsBrand, int Occurrence)
{
    public static EditorialItemState Initial { get; } = new(false, Guid.Empty, Guid.Empty, ItemStage.Idea, "", "", "", default, null, false, 1);
}

/// <summary>
/// An editorial calendar item, one stream per item (<c>editorial-{itemId}</c>): idea → draft → review → scheduled →
/// published, or cancelled. Another community manager approves (never the owner). Publishing an occurrence is a
/// fact recorded once: a second attempt at the same occurrence decides nothing, so two publishers cannot both count.
/// </summary>
public static class EditorialItem
{
    public const int MinTitleLength = 5;
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 32_000;

    public static Decider<EditorialCommand, EditorialEvent, EditorialItemState> Decider { get; } = new(EditorialItemState.Initial, Decide, Evolve);

    public static Decision<EditorialEvent> Decide(EditorialCommand command, EditorialItemState state) => command switch
    {
        CreateItem when state.Exists => Refuse("item-exists", "This item already exists."),
        CreateItem c => Check(c.Title, c.Body) ?? Decision<EditorialEvent>.Accept(
            new ItemCreated(c.ItemId, c.By, c.Category, c.Title.Trim(), c.Body, c.PublishAt, c.Recurrence, c.AsBrand, c.At)),
        _ when !state.Exists => Refuse("item-not-found", "There is no such item."),
        EditItem e => Edit(e, state),
        MoveItem m => Move(m, state),
        RescheduleItem when state.Stage is ItemStage.Published or ItemStage.Cancelled => Refuse("cannot-reschedule", "A published or cancelled item keeps its time."),
        RescheduleItem r when r.PublishAt == state.PublishAt => Decision<EditorialEvent>.Nothing,
        RescheduleItem r => Decision<EditorialEvent>.Accept(new ItemRescheduled(state.ItemId, state.PublishAt, r.PublishAt, r.By, r.At)),
        PublishOccurrence p => Publish(p, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown editorial command."),
    };

    public static EditorialItemState Evolve(EditorialItemState state, EditorialEvent e) => e switch
    {
        ItemCreated c => new EditorialItemState(true, c.ItemId, c.OwnerId, ItemStage.Idea, c.Category, c.Title, c.Body, c.PublishAt, c.Recurrence, c.AsBrand, 1),
        ItemEdited d => state with { Category = d.Category, Title = d.Title, Body = d.Body, Recurrence = d.Recurrence, AsBrand = d.AsBrand },
        ItemMoved m => state with { Stage = m.To },
        ItemRescheduled r => state with { PublishAt = r.To },
        ItemPublished p => p.NextPublishAt is { } next
            ? state with { Occurrence = p.Occurrence + 1, PublishAt = next }
            : state with { Occurrence = p.Occurrence + 1, Stage = ItemStage.Published },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown editorial event."),
    };

    /// <summary>The moves the workflow allows, besides cancelling anything not yet published.</summary>
    private static readonly HashSet<(ItemStage From, ItemStage To)> Moves =
    [
        (ItemStage.Idea, ItemStage.Draft), (ItemStage.Draft, ItemStage.Idea), (ItemStage.Draft, ItemStage.Review),
        (ItemStage.Review, ItemStage.Draft), (ItemStage.Review, ItemStage.Scheduled), (ItemStage.Scheduled, ItemStage.Draft),
    ];

    private static Decision<EditorialEvent> Move(MoveItem m, EditorialItemState state)
    {
        if (m.To == state.Stage)
        {
            return Decision<EditorialEvent>.Nothing;
        }

        var allowed = Moves.Contains((state.Stage, m.To)) || (m.To == ItemStage.Cancelled && state.Stage != ItemStage.Published);
        if (!allowed)
        {
            return Refuse("cannot-move", $"An item cannot go from {Name(state.Stage)} to {Name(m.To)}.");
        }

        // The four-eyes rule of the editorial line: what the brand says publicly is read by a second CM first.
        return m.To == ItemStage.Scheduled && m.By == state.OwnerId
            ? Refuse("own-item-approval", "Another community manager approves an item: not its owner.")
            : Decision<EditorialEvent>.Accept(new ItemMoved(state.ItemId, state.Stage, m.To, m.By, m.At));
    }

    /// <summary>Approved content is what gets published: a scheduled item goes back to draft before its text changes.</summary>
    private static Decision<EditorialEvent> Edit(EditItem e, EditorialItemState state)
    {
        if (state.Stage is ItemStage.Scheduled or ItemStage.Published or ItemStage.Cancelled)
        {
            return Refuse("cannot-edit", "Only an item not yet approved can be edited: move it back to draft first.");
        }

        var (category, title, body) = (e.Category ?? state.Category, e.Title?.Trim() ?? state.Title, e.Body ?? state.Body);
        var recurrence = e.ClearRecurrence ? null : e.Recurrence ?? state.Recurrence;
        var asBrand = e.AsBrand ?? state.AsBrand;
        if (category == state.Category && title == state.Title && body == state.Body && recurrence == state.Recurrence && asBrand == state.AsBrand)
        {
            return Decision<EditorialEvent>.Nothing;
        }

        return Check(title, body) ?? Decision<EditorialEvent>.Accept(new ItemEdited(state.ItemId, category, title, body, recurrence, asBrand, e.By, e.At));
    }

    /// <summary>An occurrence already published (by this node or another) decides nothing: that is what makes publishing idempotent.</summary>
    private static Decision<EditorialEvent> Publish(PublishOccurrence p, EditorialItemState state) =>
        p.Occurrence < state.Occurrence ? Decision<EditorialEvent>.Nothing
        : state.Stage != ItemStage.Scheduled ? Refuse("cannot-publish", $"A {Name(state.Stage)} item is not published.")
        : p.Occurrence != state.Occurrence || p.ScheduledFor != state.PublishAt ? Refuse("cannot-publish", "The item changed since it was found due.")
        : p.At < state.PublishAt ? Refuse("cannot-publish", "The item is not due yet.")
        : Decision<EditorialEvent>.Accept(new ItemPublished(
            state.ItemId, p.Occurrence, p.ScheduledFor, p.TopicId, state.Category, state.Title, state.Body, p.AuthorId, state.Recurrence is null ? null : p.NextPublishAt, p.At));

    public static string Name(ItemStage stage) => stage.ToString().ToLowerInvariant();

    private static Decision<EditorialEvent>? Check(string title, string body) =>
        title.Trim().Length is < MinTitleLength or > MaxTitleLength ? Refuse("invalid-title", $"A title is {MinTitleLength}–{MaxTitleLength} characters.")
        : string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength ? Refuse("invalid-body", "A body is 1 to 32,000 characters.")
        : null;

    private static Decision<EditorialEvent> Refuse(string code, string message) => Decision<EditorialEvent>.Refuse(code, message);
}
