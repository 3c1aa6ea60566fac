using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.SignalR;

namespace BrandForum.Server.Live;

/// <summary>
/// `/hubs/live`: clients subscribe to channels with the last position they saw, get what they missed from the
/// log, then live items (API.md, Live). Anonymous visitors may follow open topics and categories.
/// </summary>
public sealed class LiveHub(
    LiveConnections connections, LivePump pump, LiveReplay replay, LiveSignals signals, SqlEventStore store, TopicReads topics, CategoryReads categories) : Hub
{
    public override Task OnConnectedAsync()
    {
        var subscriber = new LiveSubscriber(Context.ConnectionId, Viewer.Of(Context.User!), Context.User?.Identity?.Name);
        connections.Add(subscriber);
        pump.Start(subscriber);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (connections.Find(Context.ConnectionId) is { } subscriber)
        {
            var channels = subscriber.Channels;
            connections.Remove(Context.ConnectionId);
            foreach (var channel in channels)
            {
                ReadersChanged(channel);
            }
        }

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
        if (LiveChannels.IsTopic(channel!, out var topicId))
        {
            signals.Welcome(subscriber, topicId);
        }

        return head;
    }

    public void Unsubscribe(string channel)
    {
        if (connections.Find(Context.ConnectionId) is { } subscriber)
        {
            connections.Leave(subscriber, channel);
            ReadersChanged(channel);
        }
    }

    /// <summary>"I am writing a reply": the topic's other readers see it for a few seconds. Members only, on a topic they follow.</summary>
    public Task Typing(Guid topicId) =>
        connections.Find(Context.ConnectionId) is { Viewer.MemberId: not null } subscriber && subscriber.IsSubscribed(LiveChannels.Topic(topicId))
            ? signals.TypingAsync(topicId, subscriber, Context.ConnectionAborted)
            : throw new HubException("Follow the topic, signed in, to say you are writing.");

    private void ReadersChanged(string channel)
    {
        if (LiveChannels.IsTopic(channel, out var topicId))
        {
            signals.ReadersChanged(topicId);
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
