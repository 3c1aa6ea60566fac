using BrandForum.EventStore;

namespace BrandForum.Server.Storage;

/// <summary>Something on this node that follows every event appended to the shared log, by any node.</summary>
public interface ILogFollower
{
    /// <summary>Called once, before the first event: what the follower knew of the log before its head is unknown.</summary>
    void OnStart();

    Task OnEventAsync(RecordedEvent e, CancellationToken ct);
}

/// <summary>
/// One tail of the log per node, from its head when the node starts, shared by every <see cref="ILogFollower"/>
/// (live pushes, cache invalidation): each event is read and decoded once per node, not once per follower. When
/// the database goes away the tail resumes from the last event it handed out, so followers miss nothing.
/// </summary>
public sealed class LogTail(SqlEventStore store, IEnumerable<ILogFollower> followers, ILogger<LogTail> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var position = (await store.ReadHeadAsync(stoppingToken)).Position;
        foreach (var follower in followers)
        {
            follower.OnStart();
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in store.SubscribeAsync(position, stoppingToken))
                {
                    foreach (var follower in followers)
                    {
                        await FollowAsync(follower, e, stoppingToken);
                    }

                    position = e.Position;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The log tail lost the log at position {Position}; retrying in a second.", position);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }

    /// <summary>One follower's failure (a read model it reads is missing) must not stop the others.</summary>
    private async Task FollowAsync(ILogFollower follower, RecordedEvent e, CancellationToken ct)
    {
        try
        {
            await follower.OnEventAsync(e, ct);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogWarning(error, "{Follower} failed on the event at position {Position}.", follower.GetType().Name, e.Position);
        }
    }
}
