namespace BrandForum.EventStore.Projections;

/// <summary>
/// Code that folds events into read tables. The same projection can run inline (in the append's
/// transaction, for read-your-writes pages) or async (behind a checkpoint); a rebuild replays it from
/// position 0 after <see cref="ResetAsync"/>, and must end equal to the live result.
/// </summary>
public interface IProjection
{
    /// <summary>Stable name, also the checkpoint's key.</summary>
    string Name { get; }

    /// <summary>
    /// The event type names it reads; others are never passed to it. Null means every event, read for its
    /// envelope only (type, stream, time): replays then skip decoding, and its <see cref="RecordedEvent.Data"/>
    /// may be a <see cref="RawEventData"/>.
    /// </summary>
    IReadOnlySet<string>? EventTypes { get; }

    /// <summary>
    /// Folds <paramref name="events"/> (in log order, only the types it handles) into the read tables it owns.
    /// It gets them a batch at a time — the events of one append inline, up to a page of the log async — so a
    /// projection can aggregate in memory and write once per batch instead of once per event.
    /// </summary>
    Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct);

    /// <summary>Empties the read tables this projection owns, before a rebuild.</summary>
    Task ResetAsync(ProjectionContext context, CancellationToken ct);
}

/// <summary>The stored payload of an event that was not decoded, handed to envelope-only projections.</summary>
public sealed record RawEventData(int SchemaVersion, string Json);

public static class ProjectionExtensions
{
    public static bool Handles(this IProjection projection, string eventType) =>
        projection.EventTypes is null || projection.EventTypes.Contains(eventType);
}
