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
    public IProjection Projection => projection;

    /// <summary>Applies every event after the checkpoint; returns how many were applied.</summary>
    public async Task<long> CatchUpAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken ct = default)
    {
        await EnsureCheckpointAsync(ct);
        var head = progress is null ? 0 : (await store.ReadHeadAsync(ct)).Position;
        long applied = 0;
        while (true)
        {
            var batch = await ApplyBatchAsync(ct);
            if (batch is null)
            {
                return applied;
            }

            applied += batch.Value.Applied;
            progress?.Report(new ProjectionProgress(batch.Value.Position, Math.Max(head, batch.Value.Position), applied));
        }
    }

    /// <summary>Empties the projection's tables, resets its checkpoint and replays the whole log.</summary>
    public async Task<long> RebuildAsync(IProgress<ProjectionProgress>? progress = null, CancellationToken ct = default)
    {
        await EnsureCheckpointAsync(ct);
        await using (var scope = await store.BeginWriteAsync(ct))
        {
            var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
            await projection.ResetAsync(context, ct);
            await context.ExecuteAsync("UPDATE es_checkpoints SET position = 0, last_error = NULL WHERE name = @n", ct, ("n", projection.Name));
            await scope.CommitAsync(ct);
        }

        return await CatchUpAsync(progress, ct);
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
                await wake.WaitAsync(TimeSpan.FromSeconds(1), ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
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
        var p = command.CreateParameter();
        p.ParameterName = "n";
        p.Value = projection.Name;
        command.Parameters.Add(p);
        return await command.ExecuteScalarAsync(ct) is long position ? position : 0;
    }

    /// <summary>One batch in one transaction; null when there was nothing to do or another node holds the checkpoint.</summary>
    private async Task<(long Position, int Applied)?> ApplyBatchAsync(CancellationToken ct)
    {
        await using var scope = await store.BeginWriteAsync(ct);
        var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
        var lockRow = store.Engine == StorageEngine.Postgres ? " FOR UPDATE SKIP LOCKED" : "";
        var checkpoint = await context.ScalarAsync<long?>("SELECT position FROM es_checkpoints WHERE name = @n" + lockRow, ct, ("n", projection.Name));
        if (checkpoint is null)
        {
            return null;
        }

        var page = await store.ReadAllAsync(scope.Connection, checkpoint.Value, batchSize, projection.EventTypes is { } types ? types.Contains : static _ => false, ct);
        if (page.Count == 0)
        {
            return null;
        }

        var handled = page.Where(e => projection.Handles(e.Type)).ToList();
        if (handled.Count > 0)
        {
            await projection.ApplyAsync(context, handled, ct);
        }

        var last = page[^1].Position;
        var moved = await context.ExecuteAsync(
            "UPDATE es_checkpoints SET position = @to, updated_at = CURRENT_TIMESTAMP, last_error = NULL WHERE name = @n AND position = @from",
            ct,
            ("to", last),
            ("n", projection.Name),
            ("from", checkpoint.Value));
        if (moved != 1)
        {
            throw new InvalidOperationException($"The checkpoint of projection '{projection.Name}' moved under this batch.");
        }

        await scope.CommitAsync(ct);
        return (last, handled.Count);
    }

    private async Task EnsureCheckpointAsync(CancellationToken ct)
    {
        await using var scope = await store.BeginWriteAsync(ct);
        var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
        await context.ExecuteAsync("INSERT INTO es_checkpoints (name, position) VALUES (@n, 0) ON CONFLICT (name) DO NOTHING", ct, ("n", projection.Name));
        await scope.CommitAsync(ct);
    }

    private async Task RecordErrorAsync(Exception error, CancellationToken ct)
    {
        try
        {
            await using var scope = await store.BeginWriteAsync(ct);
            var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
            await context.ExecuteAsync("UPDATE es_checkpoints SET last_error = @e WHERE name = @n", ct, ("e", error.Message), ("n", projection.Name));
            await scope.CommitAsync(ct);
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            // The database may be what failed; the error is reported through onError already.
        }
    }
}
