namespace BrandForum.EventStore;

/// <summary>The stream was not at the expected version: someone else appended first. Re-load, re-decide, retry.</summary>
public sealed class ConcurrencyException(string streamId, ExpectedVersion expected, long? actual)
    : Exception($"Stream '{streamId}' was expected at version {expected} but is at {(actual is null ? "no stream" : actual.Value)}.")
{
    public string StreamId { get; } = streamId;

    public ExpectedVersion Expected { get; } = expected;

    /// <summary>The stream's version when the append was refused; null when the stream does not exist.</summary>
    public long? Actual { get; } = actual;
}

/// <summary>An event in the log could not be turned back into an object: its type is unknown or its JSON is broken.</summary>
public sealed class EventDecodingException(long position, string type, string reason, Exception? inner = null)
    : Exception($"The event at position {position} (type '{type}') cannot be read: {reason}", inner)
{
    public long Position { get; } = position;

    public string Type { get; } = type;
}
