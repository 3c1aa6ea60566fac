using System.Globalization;
using BrandForum.EventStore.Projections;
using Microsoft.Data.Sqlite;

namespace BrandForum.EventStore.Sqlite;

/// <summary>
/// Group commit. SQLite has one writer and, with synchronous=FULL, every commit waits for its own fsync and
/// rewrites the pages it touched into the WAL. So the appends of this process go through one writer that takes
/// whatever appends are waiting (up to <see cref="MaxGroup"/>) and commits them together: each one keeps its own
/// expected-version check and its inline projections, inside a savepoint, so a stale or failing append is
/// refused alone, and the group pays one fsync and writes each page once. A lone append is a group of one, with
/// no added wait.
/// </summary>
public sealed partial class SqliteEventStore
{
    private const int MaxGroup = 64;

    private AppendQueue<PendingAppend>? _queue;

    private AppendQueue<PendingAppend> Queue => _queue ??= new(writers: 1, MaxGroup, CommitGroupAsync);

    public override async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventToAppend> events, CancellationToken ct = default)
    {
        var pending = new PendingAppend(streamId, expected, Prepare(streamId, 1, events));
        await Queue.EnqueueAsync(pending, ct);
        // Not cancellable once queued: the append may already be committing, and its caller must learn the outcome.
        return await pending.Outcome.Task;
    }

    private Task StopWriterAsync() => _queue?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Commits a group and answers each of its appends (a failure of the whole group goes to each of them).</summary>
    private async Task CommitGroupAsync(List<PendingAppend> group)
    {
        await WriteGroupAsync(group);
        Signal.Pulse();
        foreach (var pending in group)
        {
            _ = pending.Failure is { } failure ? pending.Outcome.TrySetException(failure) : pending.Outcome.TrySetResult(pending.Result!.Value);
        }
    }

    /// <summary>One transaction for the group; each append in a savepoint of its own, rolled back alone if refused or failing.</summary>
    private async Task WriteGroupAsync(List<PendingAppend> group)
    {
        await using var scope = await BeginWriteAsync();
        var connection = (SqliteConnection)scope.Connection;
        var transaction = (SqliteTransaction)scope.Transaction;
        await using var version = connection.CreateCommand();
        version.Transaction = transaction;
        version.CommandText = "SELECT version FROM es_streams WHERE stream_id = @s";
        var versionStream = version.Parameters.Add("s", SqliteType.Text);
        await using var stream = connection.CreateCommand();
        stream.Transaction = transaction;
        stream.CommandText =
            "INSERT INTO es_streams (stream_id, stream_type, version) VALUES (@s, @t, @v) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version";
        var (streamId, streamType, streamVersion) = (stream.Parameters.Add("s", SqliteType.Text), stream.Parameters.Add("t", SqliteType.Text), stream.Parameters.Add("v", SqliteType.Integer));
        await using var insert = new EventInsert(connection, transaction);
        await using var inline = new ProjectionContext(connection, transaction, Engine);

        foreach (var pending in group)
        {
            versionStream.Value = pending.StreamId;
            var current = await version.ExecuteScalarAsync() as long?;
            if (!pending.Expected.IsAny && pending.Expected.Value != (current ?? 0))
            {
                pending.Failure = new ConcurrencyException(pending.StreamId, pending.Expected, current);
                continue;
            }

            var first = (current ?? 0) + 1;
            var events = pending.Events.Select((e, i) => e with { Event = e.Event with { Version = first + i } }).ToList();
            transaction.Save("append");
            try
            {
                await ApplyInlineAsync(inline, [.. events.Select(e => e.Event)], CancellationToken.None);
                (streamId.Value, streamType.Value, streamVersion.Value) = (pending.StreamId, StreamIds.TypeOf(pending.StreamId), first - 1 + events.Count);
                await stream.ExecuteNonQueryAsync();
                long position = 0;
                foreach (var e in events)
                {
                    position = await insert.ExecuteAsync(e);
                }

                transaction.Release("append");
                pending.Result = new AppendResult(first - 1 + events.Count, position);
            }
            catch (Exception e) when (e is not SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_IOERR })
            {
                // An inline projection threw (or the append broke a constraint): undo this append only.
                transaction.Rollback("append");
                transaction.Release("append");
                pending.Failure = e;
            }
        }

        if (Options.BeforeCommit is { } beforeCommit && group.Exists(p => p.Result is not null))
        {
            await beforeCommit(CancellationToken.None);
        }

        await scope.CommitAsync();
    }

    /// <summary>The event INSERT, prepared once per group and bound per event.</summary>
    private sealed class EventInsert : IAsyncDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _stream, _type, _version, _id, _eventType, _schema, _data, _meta, _at;

        public EventInsert(SqliteConnection connection, SqliteTransaction transaction)
        {
            _command = connection.CreateCommand();
            _command.Transaction = transaction;
            _command.CommandText = """
                INSERT INTO es_events (stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at)
                VALUES (@s, @t, @v, @id, @type, @schema, @data, @meta, @at) RETURNING position
                """;
            var parameters = _command.Parameters;
            (_stream, _type, _version) = (parameters.Add("s", SqliteType.Text), parameters.Add("t", SqliteType.Text), parameters.Add("v", SqliteType.Integer));
            (_id, _eventType, _schema) = (parameters.Add("id", SqliteType.Text), parameters.Add("type", SqliteType.Text), parameters.Add("schema", SqliteType.Integer));
            (_data, _meta, _at) = (parameters.Add("data", SqliteType.Text), parameters.Add("meta", SqliteType.Text), parameters.Add("at", SqliteType.Text));
        }

        public async Task<long> ExecuteAsync((RecordedEvent Event, int SchemaVersion, string Json) prepared)
        {
            var e = prepared.Event;
            (_stream.Value, _type.Value, _version.Value) = (e.StreamId, StreamIds.TypeOf(e.StreamId), e.Version);
            (_id.Value, _eventType.Value, _schema.Value) = (e.EventId.ToString(), e.Type, prepared.SchemaVersion);
            (_data.Value, _meta.Value, _at.Value) = (prepared.Json, MetadataJson.Write(e.Metadata), e.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
            return (long)(await _command.ExecuteScalarAsync())!;
        }

        public ValueTask DisposeAsync() => _command.DisposeAsync();
    }

    private sealed class PendingAppend(string streamId, ExpectedVersion expected, IReadOnlyList<(RecordedEvent Event, int SchemaVersion, string Json)> events)
        : IQueuedAppend
    {
        public string StreamId { get; } = streamId;

        public ExpectedVersion Expected { get; } = expected;

        public IReadOnlyList<(RecordedEvent Event, int SchemaVersion, string Json)> Events { get; } = events;

        public TaskCompletionSource<AppendResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public AppendResult? Result { get; set; }

        public Exception? Failure { get; set; }
    }
}
