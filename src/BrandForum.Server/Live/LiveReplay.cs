using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Live;

/// <summary>What a channel missed between two log positions, as this viewer may see it: read from the log, never from a buffer.</summary>
public sealed class LiveReplay(SqlEventStore store, LiveItems items)
{
    /// <summary>Beyond this many events to scan, a client is told to reload instead: a fresh page is cheaper than a long replay.</summary>
    public const long MaxEvents = 10_000;

    private const int PageSize = 500;

    public async Task<IReadOnlyList<LiveItem>> ReadAsync(string channel, long after, long upTo, Viewer viewer, CancellationToken ct)
    {
        var replayed = new List<LiveItem>();
        await foreach (var e in EventsAsync(channel, after, upTo, ct))
        {
            if (LiveItems.MayConcern(e, channel))
            {
                replayed.AddRange((await items.ItemsOfAsync(e, ct)).Where(i => i.Channel == channel && i.Audience.Admits(viewer)));
            }
        }

        return replayed;
    }

    /// <summary>A topic's events come from its stream; other channels scan the log in pages.</summary>
    private async IAsyncEnumerable<RecordedEvent> EventsAsync(string channel, long after, long upTo, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        if (LiveChannels.IsTopic(channel, out var topicId))
        {
            foreach (var e in await store.ReadStreamAsync(TopicsSetup.StreamId(topicId), ct: ct))
            {
                if (e.Position > after && e.Position <= upTo)
                {
                    yield return e;
                }
            }

            yield break;
        }

        for (var from = after; from < upTo;)
        {
            var page = await store.ReadAllAsync(from, PageSize, ct);
            foreach (var e in page.Where(e => e.Position <= upTo))
            {
                yield return e;
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            from = page[^1].Position;
        }
    }
}
