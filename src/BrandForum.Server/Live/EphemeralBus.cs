using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.EventStore.Postgres;
using BrandForum.Server.Storage;
using Npgsql;

namespace BrandForum.Server.Live;

/// <summary>Something that happens now and is forgotten: someone typing, how many read a topic on a node.</summary>
public sealed record EphemeralSignal(string Kind, Guid TopicId, string Node, Guid? MemberId = null, string? UserName = null, int Count = 0);

/// <summary>
/// Carries ephemeral signals to every node, this one included, without touching the log: PostgreSQL NOTIFY on a
/// channel of its own (one LISTEN connection per node), or in process on SQLite, where there is one node. A signal
/// lost while a node reconnects is fine: typing fades and presence is re-announced every few seconds.
/// </summary>
public sealed class EphemeralBus(SqlEventStore store, ILogger<EphemeralBus> logger) : BackgroundService
{
    private const string PgChannel = "forum_ephemeral";

    /// <summary>This process, to tell its presence counts from other nodes'.</summary>
    public string Node { get; } = Guid.NewGuid().ToString("N")[..12];

    public event Action<EphemeralSignal>? Received;

    public async Task PublishAsync(EphemeralSignal signal, CancellationToken ct)
    {
        if (store.Engine == StorageEngine.Sqlite)
        {
            Received?.Invoke(signal);
            return;
        }

        await store.ExecuteAsync($"SELECT pg_notify('{PgChannel}', @p)", ct, ("p", JsonSerializer.Serialize(signal)));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (store.Engine == StorageEngine.Postgres && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await ((PostgresEventStore)store).OpenListenerAsync(stoppingToken);
                connection.Notification += (_, n) => Deliver(n.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {PgChannel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                while (!stoppingToken.IsCancellationRequested)
                {
                    await connection.WaitAsync(stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Lost the ephemeral channel; listening again in a second.");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    private void Deliver(string payload)
    {
        try
        {
            if (JsonSerializer.Deserialize<EphemeralSignal>(payload) is { } signal)
            {
                Received?.Invoke(signal);
            }
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Ignored a malformed ephemeral signal.");
        }
    }
}
