using BrandForum.EventStore;

namespace BrandForum.Server.Topics;

/// <summary>
/// Follows the log from its head and invalidates the pages of every topic another node (or this one) writes to,
/// and every page when a category changes (its access is kept with each page).
/// </summary>
public sealed class TopicPageCacheInvalidator(IEventStore store, TopicPageCache cache, ILogger<TopicPageCacheInvalidator> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Everything before the head is unknown to this loop (it starts, or it failed): clear, then follow from there.
                var head = await store.ReadHeadAsync(stoppingToken);
                cache.Clear();
                await foreach (var e in store.SubscribeAsync(head.Position, stoppingToken))
                {
                    if (e.StreamId.StartsWith("topic-", StringComparison.Ordinal))
                    {
                        cache.Invalidate(TopicsSetup.TopicIdOf(e.StreamId));
                    }
                    else if (e.StreamId.StartsWith("category-", StringComparison.Ordinal))
                    {
                        cache.Clear();
                    }
                }
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(e, "The topic page cache lost the log tail; it is cleared and follows the log again");
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
