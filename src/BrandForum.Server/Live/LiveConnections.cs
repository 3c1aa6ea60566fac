using System.Collections.Concurrent;

namespace BrandForum.Server.Live;

/// <summary>The live connections of this node, and which of them listen to each channel.</summary>
public sealed class LiveConnections
{
    private readonly ConcurrentDictionary<string, LiveSubscriber> _byConnection = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, LiveSubscriber>> _byChannel = new(StringComparer.Ordinal);

    public int Count => _byConnection.Count;

    public void Add(LiveSubscriber subscriber) => _byConnection[subscriber.ConnectionId] = subscriber;

    public LiveSubscriber? Find(string connectionId) => _byConnection.GetValueOrDefault(connectionId);

    public void Remove(string connectionId)
    {
        if (_byConnection.TryRemove(connectionId, out var subscriber))
        {
            foreach (var channel in subscriber.Channels)
            {
                Leave(subscriber, channel);
            }

            subscriber.Close();
        }
    }

    public void Join(LiveSubscriber subscriber, string channel) =>
        _byChannel.GetOrAdd(channel, _ => new(StringComparer.Ordinal))[subscriber.ConnectionId] = subscriber;

    public void Leave(LiveSubscriber subscriber, string channel)
    {
        subscriber.Unsubscribe(channel);
        if (_byChannel.TryGetValue(channel, out var members))
        {
            members.TryRemove(subscriber.ConnectionId, out _);
        }
    }

    /// <summary>Hands a live item to every connection of this node listening to its channel (each checks its rights).</summary>
    public void Publish(LiveItem item)
    {
        if (_byChannel.TryGetValue(item.Channel, out var members))
        {
            foreach (var subscriber in members.Values)
            {
                subscriber.Offer(item);
            }
        }
    }

    /// <summary>The connections of this node subscribed to a channel.</summary>
    public IEnumerable<LiveSubscriber> On(string channel) =>
        _byChannel.TryGetValue(channel, out var members) ? members.Values.Where(s => s.IsSubscribed(channel)) : [];

    /// <summary>The channels someone on this node listens to.</summary>
    public IEnumerable<string> Channels => _byChannel.Where(c => !c.Value.IsEmpty).Select(c => c.Key);
}
