namespace BrandForum.EventStore;

/// <summary>
/// The append-only event log. Invariants, on both engines:
/// I1 — a stream's versions are 1..n with no gap, and an append checks the expected version atomically;
/// I2 — global positions are 1..n with no gap and in commit order, so a reader following
///      "position &gt; p" never skips an event whose transaction committed late;
/// I3 — inline projections commit or roll back with the events they apply.
/// </summary>
public interface IEventStore : IAsyncDisposable
{
    StorageEngine Engine { get; }

    EventTypeRegistry Types { get; }

    /// <summary>Creates or upgrades the schema (idempotent; several nodes may call it at once).</summary>
    Task MigrateAsync(CancellationToken ct = default);

    /// <summary>
    /// Appends <paramref name="events"/> to <paramref name="streamId"/> if it is at <paramref name="expected"/>,
    /// in one transaction with the inline projections of those events.
    /// </summary>
    /// <exception cref="ConcurrencyException">The stream is not at the expected version.</exception>
    Task<AppendResult> AppendAsync(
        string streamId,
        ExpectedVersion expected,
        IReadOnlyList<object> events,
        EventMetadata? metadata = null,
        CancellationToken ct = default);

    /// <summary>
    /// Appends events that each say who caused them (commands of several members decided together on one
    /// stream), with the same guarantees as the other overload: all of them or none.
    /// </summary>
    /// <exception cref="ConcurrencyException">The stream is not at the expected version.</exception>
    Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventToAppend> events, CancellationToken ct = default);

    /// <summary>The stream's events with a version above <paramref name="afterVersion"/>, in order.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long afterVersion = 0, CancellationToken ct = default);

    /// <summary>Up to <paramref name="limit"/> events with a position above <paramref name="after"/>, in order.</summary>
    Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long after, int limit, CancellationToken ct = default);

    /// <summary>
    /// The position of the last committed event and the log's epoch (a new epoch means positions were
    /// re-issued). Cheap: health checks use it to see that the database answers.
    /// </summary>
    Task<LogHead> ReadHeadAsync(CancellationToken ct = default);

    /// <summary>
    /// Every event after <paramref name="after"/>, then each new one as it commits, until cancelled.
    /// Wakes on the engine's notification and polls as a backstop, so a lost wake-up only delays.
    /// </summary>
    IAsyncEnumerable<RecordedEvent> SubscribeAsync(long after, CancellationToken ct = default);
}

/// <summary>An event to append and its own metadata.</summary>
public readonly record struct EventToAppend(object Data, EventMetadata Metadata);

/// <summary>Where the log ends. Cursors handed to clients carry the epoch so they can tell a restored log from theirs.</summary>
public readonly record struct LogHead(Guid Epoch, long Position);
