using BrandForum.EventStore;

namespace BrandForum.Server.Live;

/// <summary>
/// Each node tails the shared log from where it starts and hands every new item to its own connections: the log
/// is the only source of pushes, so nodes on one PostgreSQL need no backplane. Events nobody on this node listens
/// to are skipped before any read-model lookup.
/// </summary>
public sealed class LiveFeed(SqlEventStore store, LiveItems items, LiveConnections connections, ILogger<LiveFeed> logger) : BackgroundService
{
    /// <summary>The last position handed out: a subscription's replay that reaches it has seen everything before the live items.</summary>
    public long Position { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Position = (await store.ReadHeadAsync(stoppingToken)).Position;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in store.SubscribeAsync(Position, stoppingToken))
                {
                    if (connections.Count > 0 && e.StreamType == "topic")
                    {
                        foreach (var item in await items.ItemsOfAsync(e, stoppingToken))
                        {
                            connections.Publish(item);
                        }
                    }

                    Position = e.Position;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The live feed lost the log at position {Position}; retrying in a second.", Position);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
