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

    private async Task StopWriterAsync()
    {
        if (_queue is not null)
        {
            await _queue.StopAsync();
        }

        await DisposeWriterAsync();
    }

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

    /// <summary>The writer's connection and statements, kept from one group to the next; dropped after a failure.</summary>
    private GroupWriter? _writer;

    /// <summary>One transaction for the group, on the writer's own connection, holding the process's write gate.</summary>
    private async Task WriteGroupAsync(List<PendingAppend> group)
    {
        await _writeGate.WaitAsync();
        try
        {
            _writer ??= new GroupWriter((SqliteConnection)await OpenAsync(), this);
            try
            {
                await _writer.WriteAsync(group);
            }
            catch
            {
                await _writer.DisposeAsync();
                _writer = null;
                throw;
            }
        }
        finally
        {
            _writeGate.Release();
        }
    }

    private async Task DisposeWriterAsync()
    {
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
            _writer = null;
        }
    }

    /// <summary>
    /// The one writer's connection with its statements (stream version, stream upsert, event insert and every
    /// inline projection's), prepared once for as long as the connection lives. Prepared per group, they were a
    /// good part of what each group cost: the appends of a group are few, and SQLite plans a statement on prepare.
    /// </summary>
    private sealed class GroupWriter(SqliteConnection connection, SqliteEventStore store) : IAsyncDisposable
    {
        private readonly SqliteCommand _version = Command(connection, "SELECT version FROM es_streams WHERE stream_id = @s", ("s", SqliteType.Text));

        private readonly SqliteCommand _stream = Command(
            connection, "INSERT INTO es_streams (stream_id, stream_type, version) VALUES (@s, @t, @v) ON CONFLICT (stream_id) DO UPDATE SET version = excluded.version",
            ("s", SqliteType.Text), ("t", SqliteType.Text), ("v", SqliteType.Integer));

        private readonly EventInsert _insert = new(connection);
        private ProjectionContext? _inline;

        /// <summary>Each append in a savepoint of its own, rolled back alone if refused or failing.</summary>
        public async Task WriteAsync(List<PendingAppend> group)
        {
            // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken now.
            await using var transaction = connection.BeginTransaction(deferred: false);
            _version.Transaction = _stream.Transaction = _insert.Transaction = transaction;
            if (_inline is null)
            {
                _inline = new ProjectionContext(connection, transaction, StorageEngine.Sqlite);
            }
            else
            {
                _inline.Continue(transaction);
            }

            foreach (var pending in group)
            {
                await AppendAsync(transaction, pending);
            }

            if (store.Options.BeforeCommit is { } beforeCommit && group.Exists(p => p.Result is not null))
            {
                await beforeCommit(CancellationToken.None);
            }

            await transaction.CommitAsync();
        }

        private async Task AppendAsync(SqliteTransaction transaction, PendingAppend pending)
        {
            _version.Parameters["s"].Value = pending.StreamId;
            var current = await _version.ExecuteScalarAsync() as long?;
            if (!pending.Expected.IsAny && pending.Expected.Value != (current ?? 0))
            {
                pending.Failure = new ConcurrencyException(pending.StreamId, pending.Expected, current);
                return;
            }

            var first = (current ?? 0) + 1;
            var events = pending.Events.Select((e, i) => e with { Event = e.Event with { Version = first + i } }).ToList();
            transaction.Save("append");
            try
            {
                await store.ApplyInlineAsync(_inline!, [.. events.Select(e => e.Event)], CancellationToken.None);
                _stream.Parameters["s"].Value = pending.StreamId;
                _stream.Parameters["t"].Value = StreamIds.TypeOf(pending.StreamId);
                _stream.Parameters["v"].Value = first - 1 + events.Count;
                await _stream.ExecuteNonQueryAsync();
                long position = 0;
                foreach (var e in events)
                {
                    position = await _insert.ExecuteAsync(e);
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

        public async ValueTask DisposeAsync()
        {
            if (_inline is not null)
            {
                await _inline.DisposeAsync();
            }

            await _version.DisposeAsync();
            await _stream.DisposeAsync();
            await _insert.DisposeAsync();
            await connection.DisposeAsync();
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, SqliteType Type)[] parameters)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, type) in parameters)
            {
                command.Parameters.Add(name, type);
            }

            return command;
        }
    }

    /// <summary>The event INSERT, prepared once and bound per event.</summary>
    private sealed class EventInsert : IAsyncDisposable
    {
        private readonly SqliteCommand _command;
        private readonly SqliteParameter _stream, _type, _version, _id, _eventType, _schema, _data, _meta, _at;

        public EventInsert(SqliteConnection connection)
        {
            _command = connection.CreateCommand();
            _command.CommandText = """
                INSERT INTO es_events (stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at)
                VALUES (@s, @t, @v, @id, @type, @schema, @data, @meta, @at) RETURNING position
                """;
            var parameters = _command.Parameters;
            (_stream, _type, _version) = (parameters.Add("s", SqliteType.Text), parameters.Add("t", SqliteType.Text), parameters.Add("v", SqliteType.Integer));
            (_id, _eventType, _schema) = (parameters.Add("id", SqliteType.Text), parameters.Add("type", SqliteType.Text), parameters.Add("schema", SqliteType.Integer));
            (_data, _meta, _at) = (parameters.Add("data", SqliteType.Text), parameters.Add("meta", SqliteType.Text), parameters.Add("at", SqliteType.Text));
        }

        public SqliteTransaction? Transaction
        {
            get => _command.Transaction;
            set => _command.Transaction = value;
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
