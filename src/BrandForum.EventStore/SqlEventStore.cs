using System.Data.Common;
using System.Runtime.CompilerServices;
using BrandForum.EventStore.Projections;

namespace BrandForum.EventStore;

/// <summary>What both engines share: reading, decoding, inline projections and the tail.</summary>
public abstract class SqlEventStore(EventStoreOptions options) : IEventStore
{
    private const string SelectEvents =
        "SELECT position, stream_id, version, event_id, event_type, schema_version, data, metadata, recorded_at FROM es_events ";

    protected EventStoreOptions Options { get; } = options;

    /// <summary>Pulsed after every local commit and by the engine's cross-process notification.</summary>
    public AppendSignal Signal { get; } = new();

    public abstract StorageEngine Engine { get; }

    public EventTypeRegistry Types => Options.Types;

    /// <summary>An open connection, configured for this engine.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken ct = default);

    /// <summary>Opens a connection and begins a write transaction (on SQLite: the write lock, taken at once).</summary>
    public Task<WriteScope> BeginWriteAsync(CancellationToken ct = default) => BeginWriteAsync(Durability.Flushed, ct);

    /// <summary>
    /// <see cref="BeginWriteAsync(CancellationToken)"/>, saying whether the commit must reach the disk before it returns.
    /// <see cref="Durability.Derived"/> is for writes of derived data only (a projection's rows with its checkpoint):
    /// a power cut may lose such a commit, but only with its checkpoint and never ahead of a flushed commit after it
    /// (both engines' write-ahead logs are replayed in order), so the projection replays those events again.
    /// </summary>
    public abstract Task<WriteScope> BeginWriteAsync(Durability durability, CancellationToken ct = default);

    public abstract Task MigrateAsync(CancellationToken ct = default);

    public Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<object> events, EventMetadata? metadata = null, CancellationToken ct = default) =>
        AppendAsync(streamId, expected, [.. events.Select(e => new EventToAppend(e, metadata ?? EventMetadata.None))], ct);

    public abstract Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventToAppend> events, CancellationToken ct = default);

    public abstract ValueTask DisposeAsync();

    /// <summary>Starts whatever wakes subscribers when another process appends (LISTEN on PostgreSQL).</summary>
    protected virtual void EnsureWakeUps()
    {
    }

    protected abstract DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal);

    public async Task<LogHead> ReadHeadAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Engine == StorageEngine.Sqlite
            ? "SELECT epoch, (SELECT coalesce(max(position), 0) FROM es_events) FROM es_head"
            : "SELECT epoch::text, position FROM es_head";
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new LogHead(Guid.Parse(reader.GetString(0)), reader.GetInt64(1));
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadStreamAsync(string streamId, long afterVersion = 0, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = SelectEvents + "WHERE stream_id = @stream AND version > @after ORDER BY version";
        AddParameter(command, "stream", streamId);
        AddParameter(command, "after", afterVersion);
        return await ReadEventsAsync(command, ct);
    }

    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(long after, int limit, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        await using var connection = await OpenAsync(ct);
        return await ReadAllAsync(connection, after, limit, decode: null, ct);
    }

    /// <summary>
    /// Reads a page on a connection the caller holds (a projection batch reads and writes on one), decoding
    /// only the events <paramref name="decode"/> asks for; the others carry a <see cref="RawEventData"/>.
    /// </summary>
    public async Task<IReadOnlyList<RecordedEvent>> ReadAllAsync(
        DbConnection connection, long after, int limit, Func<string, bool>? decode, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = SelectEvents + "WHERE position > @after ORDER BY position LIMIT @limit";
        AddParameter(command, "after", after);
        AddParameter(command, "limit", limit);
        return await ReadEventsAsync(command, ct, decode);
    }

    public async IAsyncEnumerable<RecordedEvent> SubscribeAsync(long after, [EnumeratorCancellation] CancellationToken ct = default)
    {
        const int pageSize = 500;
        EnsureWakeUps();
        var position = after;
        while (!ct.IsCancellationRequested)
        {
            // Taken before the read, so an append committed after the read still wakes the wait below.
            var wake = Signal.Next;
            var page = await ReadAllAsync(position, pageSize, ct);
            foreach (var e in page)
            {
                position = e.Position;
                yield return e;
            }

            if (page.Count < pageSize)
            {
                try
                {
                    await wake.WaitAsync(Options.PollInterval, Options.Time, ct);
                }
                catch (TimeoutException)
                {
                    // The poll: a lost notification costs at most one interval.
                }
            }
        }
    }

    /// <summary>Runs the inline projections over the new events inside the append's transaction.</summary>
    protected async Task ApplyInlineAsync(
        DbConnection connection, DbTransaction transaction, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        if (Options.InlineProjections.Count == 0)
        {
            return;
        }

        await using var context = new ProjectionContext(connection, transaction, Engine);
        await ApplyInlineAsync(context, events, ct);
    }

    /// <summary>
    /// Runs the inline projections in a context the caller keeps (SQLite's one writer keeps one for as long as its
    /// connection, so each statement is prepared once rather than for every append).
    /// </summary>
    protected async Task ApplyInlineAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var projection in Options.InlineProjections)
        {
            var handled = events.Where(e => projection.Handles(e.Type)).ToList();
            if (handled.Count > 0)
            {
                await projection.ApplyAsync(context, handled, ct);
            }
        }

        await context.FlushAsync(ct);
    }

    protected bool HasInlineWork(IReadOnlyList<EventToAppend> events)
    {
        if (Options.InlineProjections.Count == 0)
        {
            return false;
        }

        foreach (var (data, _) in events)
        {
            var name = Types.NameOf(data.GetType());
            if (Options.InlineProjections.Any(p => p.Handles(name)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Serialises the events and shapes them as they will be recorded (position not yet known).</summary>
    protected IReadOnlyList<(RecordedEvent Event, int SchemaVersion, string Json)> Prepare(
        string streamId, long firstVersion, IReadOnlyList<EventToAppend> events)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        if (events.Count == 0)
        {
            throw new ArgumentException("An append needs at least one event.", nameof(events));
        }

        var now = Options.Time.GetUtcNow();
        var prepared = new (RecordedEvent, int, string)[events.Count];
        for (var i = 0; i < events.Count; i++)
        {
            var (data, metadata) = events[i];
            var (name, schemaVersion, json) = Types.Serialize(data);
            prepared[i] = (new RecordedEvent(0, streamId, firstVersion + i, Guid.CreateVersion7(now), name, data, metadata, now), schemaVersion, json);
        }

        return prepared;
    }

    protected static void AddParameter(DbCommand command, string name, object? value) => command.WithParameters((name, value));

    private async Task<IReadOnlyList<RecordedEvent>> ReadEventsAsync(DbCommand command, CancellationToken ct, Func<string, bool>? decode = null)
    {
        var events = new List<RecordedEvent>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var position = reader.GetInt64(0);
            var type = reader.GetString(4);
            var schemaVersion = reader.GetInt32(5);
            var json = reader.GetString(6);
            var data = decode is null || decode(type) ? Types.Deserialize(position, type, schemaVersion, json) : new RawEventData(schemaVersion, json);
            events.Add(new RecordedEvent(
                position,
                reader.GetString(1),
                reader.GetInt64(2),
                reader.GetGuid(3),
                type,
                data,
                MetadataJson.Read(reader.GetString(7)),
                ReadTimestamp(reader, 8)));
        }

        return events;
    }
}
