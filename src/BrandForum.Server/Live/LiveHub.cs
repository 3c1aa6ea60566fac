using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.SignalR;

namespace BrandForum.Server.Live;

/// <summary>
/// `/hubs/live`: clients subscribe to channels with the last position they saw, get what they missed from the
/// log, then live items (API.md, Live). Anonymous visitors may follow open topics and categories.
/// </summary>
public sealed class LiveHub(LiveConnections connections, LivePump pump, LiveReplay replay, SqlEventStore store, TopicReads topics, CategoryReads categories) : Hub
{
    public override Task OnConnectedAsync()
    {
        var subscriber = new LiveSubscriber(Context.ConnectionId, Viewer.Of(Context.User!));
        connections.Add(subscriber);
        pump.Start(subscriber);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        connections.Remove(Context.ConnectionId);
        return Task.CompletedTask;
    }

    /// <summary>Replays what the channel had after <paramref name="after"/>, then streams it live; returns the log position it replayed up to.</summary>
    public async Task<long> Subscribe(string channel, long after)
    {
        var subscriber = connections.Find(Context.ConnectionId) ?? throw new HubException("The connection is closing.");
        var ct = Context.ConnectionAborted;
        await CheckAsync(channel ?? "", subscriber.Viewer, ct);
        if (after < 0)
        {
            throw new HubException("'after' is a log position, 0 or more.");
        }

        subscriber.BeginReplay(channel!, after);
        connections.Join(subscriber, channel!);
        var head = (await store.ReadHeadAsync(ct)).Position;
        if (head - after > LiveReplay.MaxEvents || after > head)
        {
            // Too much missed (or a position from another log): the client reloads its view, then follows from here.
            subscriber.Tell("reload", new { channel, position = head });
            subscriber.EndReplay(channel!, [], head);
            return head;
        }

        subscriber.EndReplay(channel!, await replay.ReadAsync(channel!, after, head, subscriber.Viewer, ct), head);
        return head;
    }

    public void Unsubscribe(string channel)
    {
        if (connections.Find(Context.ConnectionId) is { } subscriber)
        {
            connections.Leave(subscriber, channel);
        }
    }

    /// <summary>Who may listen where: open topics and categories anyone; private ones their roles; "me" members; "moderation" staff.</summary>
    private async Task CheckAsync(string channel, Viewer viewer, CancellationToken ct)
    {
        var allowed = channel switch
        {
            LiveChannels.Me => viewer.MemberId is not null ? null : "Sign in to follow your notifications.",
            LiveChannels.Moderation => viewer.IsStaff ? null : "Only moderators follow the moderation channel.",
            _ when LiveChannels.IsTopic(channel, out var topicId) => await topics.MayEnterTopicAsync(topicId, viewer, ct) ? null : "There is no such topic.",
            _ when LiveChannels.IsCategory(channel, out var slug) => await categories.FindVisibleAsync(slug, viewer, ct) is not null ? null : "There is no such category.",
            _ => "Channels are topic:{id}, category:{slug}, me and moderation.",
        };
        if (allowed is not null)
        {
            throw new HubException(allowed);
        }
    }
}
