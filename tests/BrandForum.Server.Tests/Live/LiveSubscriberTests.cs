using System.Text.Json;
using BrandForum.Server.Categories;
using BrandForum.Server.Live;

namespace BrandForum.Server.Tests.Live;

/// <summary>A connection's queue: in order, once, and a client that falls too far behind is told where to resume.</summary>
public sealed class LiveSubscriberTests
{
    private const string Channel = "topic:00000000-0000-0000-0000-000000000001";

    [Fact]
    public async Task HoldsLiveItemsDuringTheReplayAndSendsNothingTwice()
    {
        var subscriber = new LiveSubscriber("c1", Viewer.Anonymous);
        subscriber.BeginReplay(Channel, after: 10);
        subscriber.Offer(Item(12)); // the node's tail, behind the replay
        subscriber.Offer(Item(14)); // after the replay's end: held, then sent
        subscriber.EndReplay(Channel, [Item(11), Item(12), Item(13)], replayedUpTo: 13);
        subscriber.Offer(Item(13)); // late from the tail: already replayed
        subscriber.Offer(Item(15));
        subscriber.Close();

        Assert.Equal([11, 12, 13, 14, 15], await PositionsAsync(subscriber));
    }

    [Fact]
    public async Task AClientTooFarBehindIsToldWhereToResume()
    {
        var subscriber = new LiveSubscriber("c1", Viewer.Anonymous);
        subscriber.BeginReplay(Channel, after: 0);
        subscriber.EndReplay(Channel, [], replayedUpTo: 0);
        for (var position = 1; position <= LiveSubscriber.QueueCapacity + 50; position++)
        {
            subscriber.Offer(Item(position));
        }

        var sent = new List<LiveMessage>();
        while (sent.Count < LiveSubscriber.QueueCapacity + 1)
        {
            sent.Add(await subscriber.Outgoing.ReadAsync());
        }

        Assert.All(sent.Take(LiveSubscriber.QueueCapacity), m => Assert.Equal("event", m.Method));
        var resync = JsonSerializer.SerializeToElement(sent[^1].Payload);
        Assert.Equal("resync", sent[^1].Method);
        Assert.Equal(LiveSubscriber.QueueCapacity, resync.GetProperty("channels").GetProperty(Channel).GetInt64());
        Assert.Empty(subscriber.Channels);
    }

    [Fact]
    public async Task ItemsItsViewerMayNotSeeAreNeverQueued()
    {
        var subscriber = new LiveSubscriber("c1", Viewer.Anonymous);
        subscriber.BeginReplay(Channel, after: 0);
        subscriber.EndReplay(Channel, [], replayedUpTo: 0);
        subscriber.Offer(Item(1) with { Audience = new Audience(["Ambassador"]) });
        subscriber.Offer(Item(2) with { Audience = new Audience([], StaffOnly: true) });
        subscriber.Offer(Item(3));
        subscriber.Close();

        Assert.Equal([3], await PositionsAsync(subscriber));
    }

    private static LiveItem Item(long position) => new(position, Channel, "post-published", new { position }, Audience.Everyone);

    private static async Task<List<long>> PositionsAsync(LiveSubscriber subscriber)
    {
        var positions = new List<long>();
        await foreach (var message in subscriber.Outgoing.ReadAllAsync())
        {
            positions.Add(JsonSerializer.SerializeToElement(message.Payload).GetProperty("position").GetInt64());
        }

        return positions;
    }
}
