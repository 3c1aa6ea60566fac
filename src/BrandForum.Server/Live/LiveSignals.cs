using System.Collections.Concurrent;

namespace BrandForum.Server.Live;

/// <summary>
/// Typing indicators and presence (how many read a topic), across nodes, never in the log. Each node announces
/// its own readers of a topic when the number changes (at most once a second) and again every few seconds;
/// every node sums the fresh announcements and tells its readers when the total changes. A node that dies
/// stops announcing, and its readers fade out of the sum.
/// </summary>
public sealed class LiveSignals : BackgroundService
{
    public static readonly TimeSpan TypingThrottle = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Fade = TimeSpan.FromSeconds(16);

    private readonly EphemeralBus _bus;
    private readonly LiveConnections _connections;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<Guid, byte> _changed = new();
    private readonly ConcurrentDictionary<Guid, ConcurrentDictionary<string, (int Count, DateTimeOffset At)>> _announced = new();
    private readonly ConcurrentDictionary<Guid, int> _told = new();

    public LiveSignals(EphemeralBus bus, LiveConnections connections, TimeProvider time)
    {
        (_bus, _connections, _time) = (bus, connections, time);
        bus.Received += OnSignal;
    }

    /// <summary>Someone joined or left a topic on this node: announce the new count on the next tick.</summary>
    public void ReadersChanged(Guid topicId) => _changed[topicId] = 0;

    /// <summary>A new reader learns the current count at once, even if their arrival does not change it.</summary>
    public void Welcome(LiveSubscriber reader, Guid topicId)
    {
        ReadersChanged(topicId);
        if (_told.TryGetValue(topicId, out var readers))
        {
            reader.Tell("presence", new { topicId, readers });
        }
    }

    /// <summary>Tells the topic's other readers, on every node, that this member is writing; at most every <see cref="TypingThrottle"/>.</summary>
    public Task TypingAsync(Guid topicId, LiveSubscriber typist, CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        if (now - typist.LastTyping < TypingThrottle)
        {
            return Task.CompletedTask;
        }

        typist.LastTyping = now;
        return _bus.PublishAsync(new EphemeralSignal("typing", topicId, _bus.Node, typist.Viewer.MemberId, typist.UserName), ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Tick, _time);
        var lastHeartbeat = DateTimeOffset.MinValue;
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            var now = _time.GetUtcNow();
            var heartbeat = now - lastHeartbeat >= Heartbeat;
            lastHeartbeat = heartbeat ? now : lastHeartbeat;
            var topics = heartbeat ? _changed.Keys.Concat(LocalTopics()).Distinct().ToList() : [.. _changed.Keys];
            _changed.Clear();
            foreach (var topicId in topics)
            {
                await _bus.PublishAsync(new EphemeralSignal("presence", topicId, _bus.Node, Count: LocalReaders(topicId)), stoppingToken);
            }

            foreach (var topicId in _announced.Keys)
            {
                TellIfChanged(topicId); // nodes that stopped announcing fade out
            }
        }
    }

    private void OnSignal(EphemeralSignal signal)
    {
        var channel = LiveChannels.Topic(signal.TopicId);
        if (signal.Kind == "typing")
        {
            foreach (var reader in _connections.On(channel).Where(r => r.Viewer.MemberId != signal.MemberId))
            {
                reader.Tell("typing", new { topicId = signal.TopicId, userName = signal.UserName });
            }
        }
        else if (signal.Kind == "presence")
        {
            _announced.GetOrAdd(signal.TopicId, _ => new(StringComparer.Ordinal))[signal.Node] = (signal.Count, _time.GetUtcNow());
            TellIfChanged(signal.TopicId);
        }
    }

    private void TellIfChanged(Guid topicId)
    {
        var fresh = _time.GetUtcNow() - Fade;
        var readers = _announced.TryGetValue(topicId, out var nodes) ? nodes.Values.Where(n => n.At > fresh).Sum(n => n.Count) : 0;
        if (_told.GetValueOrDefault(topicId, -1) == readers)
        {
            return;
        }

        _told[topicId] = readers;
        if (readers == 0)
        {
            _announced.TryRemove(topicId, out _);
        }

        foreach (var reader in _connections.On(LiveChannels.Topic(topicId)))
        {
            reader.Tell("presence", new { topicId, readers });
        }
    }

    private int LocalReaders(Guid topicId) => _connections.On(LiveChannels.Topic(topicId)).Count();

    private IEnumerable<Guid> LocalTopics() => _connections.Channels.Select(c => LiveChannels.IsTopic(c, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty);
}
