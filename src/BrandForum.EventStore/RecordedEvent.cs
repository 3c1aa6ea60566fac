namespace BrandForum.EventStore;

/// <summary>
/// An event as stored in the log. <see cref="Position"/> is global, gap-free and in commit order;
/// <see cref="Version"/> counts from 1 within the stream. Inline projections see the event before
/// its position is assigned (position 0), which keeps the serialised part of an append short.
/// <see cref="Data"/> is already upcast to the current shape of its type.
/// </summary>
public sealed record RecordedEvent(
    long Position,
    string StreamId,
    long Version,
    Guid EventId,
    string Type,
    object Data,
    EventMetadata Metadata,
    DateTimeOffset RecordedAt)
{
    /// <summary>The part of the stream id before the first '-' ("topic" for "topic-0190…").</summary>
    public string StreamType => StreamIds.TypeOf(StreamId);
}

/// <summary>Stream ids are "{type}-{id}"; the type is kept beside each event so readers can filter cheaply.</summary>
public static class StreamIds
{
    public static string TypeOf(string streamId)
    {
        var dash = streamId.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 ? streamId[..dash] : streamId;
    }
}
