using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Live;

/// <summary>
/// Hands every new item of the node's log tail to the node's own connections: the log is the only source of
/// pushes, so nodes on one PostgreSQL need no backplane. Events nobody on this node listens to are skipped before
/// any read-model lookup.
/// </summary>
public sealed class LiveFeed(LiveItems items, LiveConnections connections) : ILogFollower
{
    public void OnStart()
    {
    }

    public async Task OnEventAsync(RecordedEvent e, CancellationToken ct)
    {
        if (connections.Count > 0 && LiveItems.MayBeLive(e))
        {
            foreach (var item in await items.ItemsOfAsync(e, ct))
            {
                connections.Publish(item);
            }
        }
    }
}
