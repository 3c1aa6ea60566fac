namespace BrandForum.EventStore;

/// <summary>The stream's version after the append (pass it as the next expected version) and the last event's position.</summary>
public readonly record struct AppendResult(long NextExpectedVersion, long LastPosition);
