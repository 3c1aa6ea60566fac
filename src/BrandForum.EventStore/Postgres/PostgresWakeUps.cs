using Npgsql;

namespace BrandForum.EventStore.Postgres;

/// <summary>
/// One LISTEN connection per node that pulses the local signal when any node appends. A notification is
/// only a hint (none is delivered while disconnected), which is why subscribers also poll.
/// </summary>
internal sealed class PostgresWakeUps(PostgresEventStore store, AppendSignal signal) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _start = new();
    private Task? _loop;

    public void Start()
    {
        lock (_start)
        {
            _loop ??= Task.Run(ListenAsync);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_loop is not null)
        {
            await _loop;
        }

        _stop.Dispose();
    }

    private async Task ListenAsync()
    {
        var ct = _stop.Token;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = await store.OpenListenerAsync(ct);
                connection.Notification += (_, _) => signal.Pulse();
                await using (var listen = new NpgsqlCommand("LISTEN es_appended", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                // Whatever was appended while we were not listening is found by the readers' next read.
                signal.Pulse();
                while (!ct.IsCancellationRequested)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // Whatever broke the connection, the loop must go on: readers fall back to polling meanwhile.
            catch (Exception) when (!ct.IsCancellationRequested)
#pragma warning restore CA1031
            {
                // The database went away: readers keep polling; try again shortly.
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(1), ct);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
