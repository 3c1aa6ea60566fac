using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// Follows the node's log tail and invalidates the pages of every topic another node (or this one) writes to,
/// and every page when a category changes (its access is kept with each page).
/// </summary>
public sealed class TopicPageCacheInvalidator(TopicPageCache cache) : ILogFollower
{
    /// <summary>Whatever was cached before the tail's starting point cannot be vouched for.</summary>
    public void OnStart() => cache.Clear();

    public Task OnEventAsync(RecordedEvent e, CancellationToken ct)
    {
        if (e.StreamId.StartsWith("topic-", StringComparison.Ordinal))
        {
            cache.Invalidate(TopicsSetup.TopicIdOf(e.StreamId));
        }
        else if (e.StreamId.StartsWith("category-", StringComparison.Ordinal))
        {
            cache.Clear();
        }

        return Task.CompletedTask;
    }
}
