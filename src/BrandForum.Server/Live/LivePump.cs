using Microsoft.AspNetCore.SignalR;

namespace BrandForum.Server.Live;

/// <summary>
/// Sends each connection's queue in order, one message at a time: a slow client only slows its own pump, and
/// its bounded queue decides when it is told to resync.
/// </summary>
public sealed class LivePump(IHubContext<LiveHub> hub, ILogger<LivePump> logger)
{
    public void Start(LiveSubscriber subscriber) => _ = Task.Run(async () =>
    {
        try
        {
            await foreach (var message in subscriber.Outgoing.ReadAllAsync())
            {
                await hub.Clients.Client(subscriber.ConnectionId).SendAsync(message.Method, message.Payload);
            }
        }
        catch (Exception e)
        {
            logger.LogDebug(e, "Stopped sending to live connection {ConnectionId}.", subscriber.ConnectionId);
        }
    });
}
