using Npgsql;
using NpgsqlTypes;

namespace BrandForum.EventStore.Postgres;

/// <summary>
/// Group commit. Positions come from one head row locked until commit, so appends in separate transactions
/// would commit one at a time, each waiting for its own WAL flush. Instead every append of this node goes
/// through one writer that takes whatever appends are waiting (up to <see cref="MaxGroup"/>) and commits
/// them together: each keeps its own expected-version check (a stale one is refused alone) and its inline
/// projections, and the group pays one flush. A lone append is a group of one, with no added wait.
/// </summary>
public sealed partial class PostgresEventStore
{
    private const int MaxGroup = 64;

    /// <summary>
    /// Two writers: while one group holds the head row and waits for its flush, the next group checks its
    /// versions and runs its projections. More would only queue on the head row.
    /// </summary>
    private const int Writers = 2;

    private AppendQueue<PendingAppend>? _queue;

    private AppendQueue<PendingAppend> Queue => _queue ??= new(Writers, MaxGroup, CommitGroupAsync);

    public override async Task<AppendResult> AppendAsync(string streamId, ExpectedVersion expected, IReadOnlyList<EventToAppend> events, CancellationToken ct = default)
    {
        var pending = new PendingAppend(streamId, expected, Prepare(streamId, 1, events), HasInlineWork(events));
        await Queue.EnqueueAsync(pending, ct);
        // Not cancellable once queued: the append may already be committing, and its caller must learn the outcome.
        var result = await pending.Outcome.Task;
        Signal.Pulse();
        return result;
    }

    private Task StopWriterAsync() => _queue?.StopAsync() ?? Task.CompletedTask;

    /// <summary>Commits a group, again if PostgreSQL undid it to break a deadlock (any other failure goes to the group's callers).</summary>
    private async Task CommitGroupAsync(List<PendingAppend> group)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await WriteGroupAsync(group);
                return;
            }
            catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.DeadlockDetected && attempt < 5)
            {
                // Two groups locked the same streams in opposite orders; PostgreSQL chose this one to undo.
                // Appends already answered (a failing inline projection) must not be tried again.
                group.RemoveAll(p => p.Outcome.Task.IsCompleted);
            }
        }
    }

    /// <summary>
    /// Commits a group. Without inline projections it is one statement (one round trip); with them, the group
    /// reserves its versions and each append runs its projections in the group's transaction. A projection that
    /// throws fails only its own append: the transaction is rolled back and the rest of the group re-run.
    /// </summary>
    private async Task WriteGroupAsync(List<PendingAppend> group)
    {
        foreach (var pending in group)
        {
            pending.Reset();
        }

        if (group.Count == 0)
        {
            return;
        }

        if (Options.BeforeCommit is null && group.TrueForAll(p => !p.Inline))
        {
            await AppendGroupAsync(group);
        }
        else
        {
            try
            {
                await WriteTransactionAsync(group);
            }
            catch (InlineProjectionFailed failed)
            {
                var culprit = group.Single(p => ReferenceEquals(p, failed.Append));
                culprit.Outcome.TrySetException(failed.InnerException!);
                await WriteGroupAsync([.. group.Where(p => !ReferenceEquals(p, culprit))]);
                return;
            }
        }

        foreach (var pending in group)
        {
            _ = pending.Result is { } result
                ? pending.Outcome.TrySetResult(result)
                : pending.Outcome.TrySetException(new ConcurrencyException(pending.StreamId, pending.Expected, pending.Actual));
        }
    }

    private async Task AppendGroupAsync(List<PendingAppend> group)
    {
        var events = group.SelectMany(p => p.Events).ToList();
        await using var command = _dataSource.CreateCommand(
            "SELECT ord, current_version, actual, last_position " +
            "FROM es_append_group(@streams, @streamTypes, @expected, @counts, @ids, @types, @schemas, @data, @meta, @at)");
        AddReserveParameters(command, group);
        AddEventParameters(command, events);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pending = group[reader.GetInt32(0) - 1];
            pending.Current = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            pending.Actual = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            pending.Result = pending.Current is { } current ? new AppendResult(current + pending.Events.Count, reader.GetInt64(3)) : null;
        }
    }

    private async Task WriteTransactionAsync(List<PendingAppend> group)
    {
        await using var connection = await _dataSource.OpenConnectionAsync();
        await using var tx = await connection.BeginTransactionAsync();

        // Reserve every append's versions in one call, in arrival order so positions follow versions; then run the
        // inline projections of the accepted ones (each append's writes go out together, one round trip).
        await ReserveAsync(connection, tx, group);
        foreach (var pending in group.Where(p => p.Inline && p.Current is not null))
        {
            try
            {
                await ApplyInlineAsync(connection, tx, pending.Versioned(), CancellationToken.None);
            }
            catch (Exception e) when (e is not NpgsqlException { IsTransient: true })
            {
                throw new InlineProjectionFailed(pending, e);
            }
        }

        var accepted = group.Where(p => p.Current is not null).ToList();
        if (accepted.Count > 0)
        {
            var position = await WriteEventsAsync(connection, tx, accepted) - accepted.Sum(p => p.Events.Count);
            foreach (var pending in accepted)
            {
                position += pending.Events.Count;
                pending.Result = new AppendResult(pending.Current!.Value + pending.Events.Count, position);
            }

            if (Options.BeforeCommit is { } beforeCommit)
            {
                await beforeCommit(CancellationToken.None);
            }
        }

        await tx.CommitAsync();
    }

    private static async Task ReserveAsync(NpgsqlConnection connection, NpgsqlTransaction tx, IReadOnlyList<PendingAppend> appends)
    {
        if (appends.Count == 0)
        {
            return;
        }

        await using var command = new NpgsqlCommand("SELECT ord, current_version, actual FROM es_reserve(@streams, @streamTypes, @expected, @counts)", connection, tx);
        AddReserveParameters(command, appends);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            var pending = appends[reader.GetInt32(0) - 1];
            pending.Current = reader.IsDBNull(1) ? null : reader.GetInt64(1);
            pending.Actual = reader.IsDBNull(2) ? null : reader.GetInt64(2);
        }
    }

    /// <summary>The last statement before commit: takes the positions and inserts every accepted event.</summary>
    private static async Task<long> WriteEventsAsync(NpgsqlConnection connection, NpgsqlTransaction tx, List<PendingAppend> accepted)
    {
        var events = accepted.SelectMany(p => p.Versioned().Zip(p.Events, (e, prepared) => (e, prepared.SchemaVersion, prepared.Json))).ToList();
        await using var command = new NpgsqlCommand(
            "SELECT es_write(@streams, @streamTypes, @versions, @ids, @types, @schemas, @data, @meta, @at)", connection, tx);
        command.Parameters.AddWithValue("streams", events.Select(e => e.e.StreamId).ToArray());
        command.Parameters.AddWithValue("streamTypes", events.Select(e => e.e.StreamType).ToArray());
        command.Parameters.AddWithValue("versions", events.Select(e => e.e.Version).ToArray());
        AddEventParameters(command, events);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static void AddReserveParameters(NpgsqlCommand command, IReadOnlyList<PendingAppend> appends)
    {
        command.Parameters.AddWithValue("streams", appends.Select(p => p.StreamId).ToArray());
        command.Parameters.AddWithValue("streamTypes", appends.Select(p => StreamIds.TypeOf(p.StreamId)).ToArray());
        command.Parameters.AddWithValue("expected", appends.Select(p => p.Expected.Value).ToArray());
        command.Parameters.AddWithValue("counts", appends.Select(p => p.Events.Count).ToArray());
    }

    private static void AddEventParameters(NpgsqlCommand command, IReadOnlyList<(RecordedEvent Event, int SchemaVersion, string Json)> events)
    {
        var parameters = command.Parameters;
        parameters.AddWithValue("ids", events.Select(e => e.Event.EventId).ToArray());
        parameters.AddWithValue("types", events.Select(e => e.Event.Type).ToArray());
        parameters.AddWithValue("schemas", events.Select(e => e.SchemaVersion).ToArray());
        parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Json) { Value = events.Select(e => e.Json).ToArray() });
        parameters.Add(new NpgsqlParameter("meta", NpgsqlDbType.Array | NpgsqlDbType.Json)
        {
            Value = events.Select(e => MetadataJson.Write(e.Event.Metadata)).ToArray(),
        });
        parameters.AddWithValue("at", events.Select(e => e.Event.RecordedAt).ToArray());
    }

    private sealed class PendingAppend(
        string streamId, ExpectedVersion expected, IReadOnlyList<(RecordedEvent Event, int SchemaVersion, string Json)> events, bool inline) : IQueuedAppend
    {
        public string StreamId { get; } = streamId;

        public ExpectedVersion Expected { get; } = expected;

        public IReadOnlyList<(RecordedEvent Event, int SchemaVersion, string Json)> Events { get; } = events;

        public bool Inline { get; } = inline;

        public TaskCompletionSource<AppendResult> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>The stream's version before this append, once reserved; null when refused.</summary>
        public long? Current { get; set; }

        /// <summary>The version found when the expected one did not match (null: no such stream).</summary>
        public long? Actual { get; set; }

        public AppendResult? Result { get; set; }

        public void Reset()
        {
            Current = null;
            Actual = null;
            Result = null;
        }

        public IReadOnlyList<RecordedEvent> Versioned() =>
            [.. Events.Select((e, i) => e.Event with { Version = Current!.Value + 1 + i })];
    }

    /// <summary>An inline projection threw while applying one append of a group: only that append fails.</summary>
    private sealed class InlineProjectionFailed(PendingAppend append, Exception inner) : Exception("An inline projection failed.", inner)
    {
        public PendingAppend Append { get; } = append;
    }
}
