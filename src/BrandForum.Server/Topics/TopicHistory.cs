using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Content;
using BrandForum.Server.Members;

namespace BrandForum.Server.Topics;

/// <summary>
/// Time travel for staff: a topic as it was at a past instant — what a CM saw when acting, for post-mortems and
/// disputes. Rebuilt from the log by folding the topic's events recorded up to that instant with the topic
/// decider's own <c>Evolve</c>, so it is exactly the state the decisions of the time were taken on. The one read
/// of a stream outside the decide helper and the projections: the read models only know the present.
/// </summary>
public sealed class TopicHistory(IEventStore store, TopicReads topics, MemberCards cards, MarkdownRenderer renderer)
{
    /// <summary>The whole topic as of <paramref name="asOf"/> on one page, held posts included; null when it did not exist then or the viewer may not enter it.</summary>
    public async Task<TopicPage?> AsOfAsync(Guid topicId, DateTimeOffset asOf, Viewer viewer, CancellationToken ct)
    {
        if (await topics.CategoryToEnterAsync(topicId, viewer, ct) is null)
        {
            return null;
        }

        var state = Topic.Decider.Initial;
        var edited = new Dictionary<Guid, DateTimeOffset>();
        foreach (var e in await store.ReadStreamAsync(TopicsSetup.StreamId(topicId), ct: ct))
        {
            if (e.RecordedAt > asOf)
            {
                break; // a stream's events are recorded in order
            }

            state = Topic.Decider.Evolve(state, (TopicEvent)e.Data);
            if (e.Data is PostEdited p)
            {
                edited[p.PostId] = p.At;
            }
        }

        if (!state.Exists)
        {
            return null;
        }

        var names = new Dictionary<Guid, AuthorRef>();
        foreach (var author in state.Posts.Values.Select(p => p.AuthorId).Distinct())
        {
            names[author] = new AuthorRef(author, (await cards.FindAsync(author, ct))?.UserName);
        }

        var published = state.Posts.Where(p => p.Value.Status == PostStatus.Published).OrderBy(p => p.Value.Number)
            .Select(p => new PostView(
                p.Key, p.Value.Number, names[p.Value.AuthorId], renderer.Render(p.Value.Body), p.Value.PublishedAt, edited.TryGetValue(p.Key, out var at) ? at : null,
                p.Value.Deleted, p.Value.Reactions.GroupBy(r => r.Kind).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal), p.Value.Hidden))
            .ToList();
        var held = state.Posts.Where(p => p.Value.Status == PostStatus.Held).OrderBy(p => p.Value.PublishedAt)
            .Select(p => new HeldPostView(p.Key, names[p.Value.AuthorId], renderer.Render(p.Value.Body), p.Value.PublishedAt, null))
            .ToList();
        return new TopicPage(
            topicId, state.Title, state.Category, state.Locked, state.Pinned, published.Count, 1, Math.Max(1, published.Count), published, state.Held, state.SlowModeSeconds, held);
    }
}
