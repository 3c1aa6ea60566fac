namespace BrandForum.EventStore.Projections;

/// <summary>How far a catch-up or rebuild has come.</summary>
public readonly record struct ProjectionProgress(long Position, long Head, long Applied);

/// <summary>
/// Runs one async projection behind its checkpoint. Each batch applies its events and moves the checkpoint
/// in one transaction, so a crash or restart never applies an event twice. On PostgreSQL the checkpoint row
/// is locked for the batch (SKIP LOCKED): when several nodes run the same projection, one works and the
/// others find the row taken and wait for the next wake-up — no leader election needed for correctness.
/// </summary>
public sealed class ProjectionRunner(SqlEventStore store, IProjection projection, int batchSize = 1000)
{
    /// <summary>
    /// Events per transaction when replaying the whole log: large, so a projection that aggregates in
    /// memory writes each row fewer times and the replay pays fewer commits.
    /// </summary>
    public const int RebuildBatchSize = 20_000;

    /// <summary>Whether this runner made sure its checkpoint row exists (nothing deletes it).</summary>
    private bool _checkpointExists;

    public IProjection Projection => projection;

    /// <summary>
    /// Applies every event after the checkpoint; returns how many were applied. The next page is read on
    /// its own connection while the current one is applied, so reading the log and writing the read model
    /// overlap (the log below the head never changes, so reading ahead is safe).
    /// </summary>
    public async Task<long> CatchUpAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken ct = default)
    {
        await EnsureCheckpointAsync(ct);
        var head = progress is null ? 0 : (await store.ReadHeadAsync(ct)).Position;
        var from = await ReadCheckpointAsync(ct);
        var next = ReadPageAsync(from, ct);
        long applied = 0;
        try
        {
            while (true)
            {
                var page = await next;
                if (page.Count == 0)
                {
                    return applied;
                }

                var to = page[^1].Position;
                next = ReadPageAsync(to, ct);
                var count = await ApplyPageAsync(from, page, ct);
                if (count is null)
                {
                    return applied;
                }

                applied += count.Value;
                from = to;
                progress?.Report(new ProjectionProgress(to, Math.Max(head, to), applied));
            }
        }
        finally
        {
            // Never leave the read-ahead running unobserved when a batch failed or another node took over.
            await ((Task)next).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Empties the projection's tables, resets its checkpoint and replays the whole log.</summary>
    public async Task<long> RebuildAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken ct = default)
    {
        await EnsureCheckpointAsync(ct);
        await using (var scope = await store.BeginWriteAsync(ct))
        {
            await using var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
            await projection.ResetAsync(context, ct);
            await context.ExecuteAsync("UPDATE es_checkpoints SET position = 0, last_error = NULL WHERE name = @n", ct, ("n", projection.Name));
            await scope.CommitAsync(ct);
        }

        return await CatchUpAsync(progress, ct);
    }

    /// <summary>
    /// How long <see cref="RunAsync"/> lets appends gather after a wake-up before it catches up. Without it a busy
    /// forum woke every async projection for each commit, and each paid a write transaction and a flush for a
    /// handful of events (on SQLite, five projections made four commits for each of the log's); with it each
    /// projection commits at most ten times a second, whatever the load, and lags by a tenth of a second.
    /// </summary>
    public static readonly TimeSpan GatherDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Waits for <paramref name="wake"/> (a <see cref="AppendSignal.Next"/> taken before the last catch-up) or a
    /// second's poll, then, if woken, <see cref="GatherDelay"/> more: the wait of every log follower that writes.
    /// </summary>
    public static async Task WaitForAppendsAsync(Task wake, CancellationToken ct)
    {
        await wake.WaitAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (wake.IsCompleted)
        {
            await Task.Delay(GatherDelay, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    /// <summary>Keeps the projection up to date until cancelled; errors are recorded on the checkpoint and retried.</summary>
    public async Task RunAsync(Action<Exception>? onError = null, CancellationToken ct = default)
    {
        var backoff = TimeSpan.FromSeconds(1);
        while (!ct.IsCancellationRequested)
        {
            var wake = store.Signal.Next;
            try
            {
                await CatchUpAsync(ct: ct);
                backoff = TimeSpan.FromSeconds(1);
                await WaitForAppendsAsync(wake, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                onError?.Invoke(e);
                await RecordErrorAsync(e, ct);
                await Task.Delay(backoff, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromMinutes(1).Ticks));
            }
        }
    }

    public async Task<long> ReadCheckpointAsync(CancellationToken ct = default)
    {
        await using var connection = await store.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM es_checkpoints WHERE name = @n";
        command.WithParameters(("n", projection.Name));
        return await command.ExecuteScalarAsync(ct) is long position ? position : 0;
    }

    private async Task<IReadOnlyList<RecordedEvent>> ReadPageAsync(long after, CancellationToken ct)
    {
        await using var connection = await store.OpenAsync(ct);
        return await store.ReadAllAsync(connection, after, batchSize, projection.EventTypes is { } types ? types.Contains : static _ => false, ct);
    }

    /// <summary>
    /// Applies a page read after <paramref name="from"/> and moves the checkpoint to its end, in one transaction.
    /// Null when the checkpoint is not at <paramref name="from"/> any more (another node is running this
    /// projection) or its row is locked by that node right now.
    /// </summary>
    private async Task<int?> ApplyPageAsync(long from, IReadOnlyList<RecordedEvent> page, CancellationToken ct)
    {
        await using var scope = await store.BeginWriteAsync(Durability.Derived, ct);
        await using var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine) { Range = (from, page[^1].Position) };
        var lockRow = store.Engine == StorageEngine.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var checkpoint = await context.ScalarAsync<long?>("SELECT position FROM es_checkpoints WHERE name = @n" + lockRow, ct, ("n", projection.Name));
        if (checkpoint != from)
        {
            return null;
        }

        var handled = page.Where(e => projection.Handles(e.Type)).ToList();
        if (handled.Count > 0)
        {
            await projection.ApplyAsync(context, handled, ct);
        }

        var moved = await context.ExecuteAsync(
            "UPDATE es_checkpoints SET position = @to, updated_at = CURRENT_TIMESTAMP, last_error = NULL WHERE name = @n AND position = @from",
            ct,
            ("to", page[^1].Position),
            ("n", projection.Name),
            ("from", from));
        if (moved != 1)
        {
            throw new InvalidOperationException($"The checkpoint of projection '{projection.Name}' moved under this batch.");
        }

        await scope.CommitAsync(ct);
        return handled.Count;
    }

    /// <summary>
    /// Creates the checkpoint row if it is missing — once per runner: a catch-up runs after every append, and this
    /// write transaction (SQLite's one writer, a commit to flush) would otherwise come with each of them.
    /// </summary>
    private async Task EnsureCheckpointAsync(CancellationToken ct)
    {
        if (_checkpointExists)
        {
            return;
        }

        await using var scope = await store.BeginWriteAsync(ct);
        await using var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
        await context.ExecuteAsync("INSERT INTO es_checkpoints (name, position) VALUES (@n, 0) ON CONFLICT (name) DO NOTHING", ct, ("n", projection.Name));
        await scope.CommitAsync(ct);
        _checkpointExists = true;
    }

    private async Task RecordErrorAsync(Exception error, CancellationToken ct)
    {
        try
        {
            await using var scope = await store.BeginWriteAsync(ct);
            await using var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
            await context.ExecuteAsync("UPDATE es_checkpoints SET last_error = @e WHERE name = @n", ct, ("e", error.Message), ("n", projection.Name));
            await scope.CommitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The database may be what failed; the error is reported through onError already.
        }
    }
}
