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

    /// <summary>The read tables this projection owns (created by a migration).</summary>
    Task ApplyAsync(ProjectionContext context, RecordedEvent recorded, CancellationToken ct);

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
