using System.Threading.Channels;
using BrandForum.Server.Categories;

namespace BrandForum.Server.Live;

/// <summary>
/// One live connection on this node: who it is, what it listens to, and a bounded queue of what it has yet to
/// receive. A subscription first replays from the log; live items arriving meanwhile wait in it and are released,
/// without those the replay already covered, when the replay ends — so each item arrives once, in log order.
/// A connection whose queue fills up (a slow client) is not waited for: its subscriptions end and, once it has
/// drained its queue, it is told where each one stopped so it can subscribe again from there.
/// </summary>
public sealed class LiveSubscriber(string connectionId, Viewer viewer, string? userName = null)
{
    public const int QueueCapacity = 1_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Subscription> _subscriptions = new(StringComparer.Ordinal);
    private readonly Channel<LiveMessage> _queue = Channel.CreateBounded<LiveMessage>(new BoundedChannelOptions(QueueCapacity) { SingleReader = true });
    private bool _overflowed;

    public string ConnectionId { get; } = connectionId;

    public Viewer Viewer { get; } = viewer;

    public string? UserName { get; } = userName;

    /// <summary>When this connection last said its member was typing (they are throttled).</summary>
    public DateTimeOffset LastTyping { get; set; }

    public bool IsSubscribed(string channel)
    {
        lock (_gate)
        {
            return _subscriptions.ContainsKey(channel);
        }
    }

    public ChannelReader<LiveMessage> Outgoing => _queue.Reader;

    public IReadOnlyCollection<string> Channels
    {
        get
        {
            lock (_gate)
            {
                return [.. _subscriptions.Keys];
            }
        }
    }

    /// <summary>Starts a subscription in replay mode: live items for it are held until <see cref="EndReplay"/>.</summary>
    public void BeginReplay(string channel, long after)
    {
        lock (_gate)
        {
            _subscriptions[channel] = new Subscription { LastQueued = after };
        }
    }

    /// <summary>
    /// Queues the replayed items, then those held meanwhile. Every item is queued only past the channel's last
    /// queued position: the node's tail may still be behind the replay, and what it brings late is not sent twice.
    /// </summary>
    public void EndReplay(string channel, IEnumerable<LiveItem> replayed, long replayedUpTo)
    {
        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(channel, out var subscription))
            {
                return;
            }

            foreach (var item in replayed.Concat(subscription.Held))
            {
                Enqueue(item);
            }

            subscription.LastQueued = Math.Max(subscription.LastQueued, replayedUpTo);
            subscription.Held.Clear();
            subscription.Live = true;
        }
    }

    public void Unsubscribe(string channel)
    {
        lock (_gate)
        {
            _subscriptions.Remove(channel);
        }
    }

    /// <summary>Offers a live item; it is queued only if subscribed and the viewer may see it.</summary>
    public void Offer(LiveItem item)
    {
        if (!item.Audience.Admits(Viewer))
        {
            return;
        }

        lock (_gate)
        {
            if (!_subscriptions.TryGetValue(item.Channel, out var subscription))
            {
                return;
            }

            if (subscription.Live)
            {
                Enqueue(item);
            }
            else
            {
                subscription.Held.Add(item);
            }
        }
    }

    public void Close() => _queue.Writer.TryComplete();

    /// <summary>A message outside the log (a reload notice, typing): dropped rather than waited for when the queue is full.</summary>
    public void Tell(string method, object payload) => _queue.Writer.TryWrite(new LiveMessage(method, payload));

    private void Enqueue(LiveItem item)
    {
        if (_overflowed || !_subscriptions.TryGetValue(item.Channel, out var subscription) || item.Position <= subscription.LastQueued)
        {
            return;
        }

        if (_queue.Writer.TryWrite(new LiveMessage("event", item.Message)))
        {
            subscription.LastQueued = item.Position;
            return;
        }

        // Too far behind: stop feeding it; the notice waits for room in the queue, so it comes after what was queued.
        _overflowed = true;
        var from = _subscriptions.ToDictionary(s => s.Key, s => s.Value.LastQueued, StringComparer.Ordinal);
        _subscriptions.Clear();
        _ = Task.Run(async () =>
        {
            await _queue.Writer.WriteAsync(new LiveMessage("resync", new { channels = from }));
            lock (_gate)
            {
                _overflowed = false;
            }
        });
    }

    private sealed class Subscription
    {
        public bool Live { get; set; }

        public long LastQueued { get; set; }

        public List<LiveItem> Held { get; } = [];
    }
}

public sealed record LiveMessage(string Method, object Payload);
