using BrandForum.Domain.Crisis;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Crisis;

/// <summary>
/// A crisis's slow mode: one post per member every N seconds in its scope (anywhere for the site's, in the
/// category for a category's), held posts counted; staff are exempt. The caller (the posting pace) skips staff.
/// </summary>
public sealed class CrisisPace(CrisisBoard board, SqlEventStore store, TimeProvider time)
{
    public async Task<Refusal?> CheckAsync(Guid memberId, string category, CancellationToken ct)
    {
        var crises = (await board.InForceAsync(category, ct)).Where(c => c.Terms.SlowModeSeconds > 0).ToList();
        if (crises.Count == 0)
        {
            return null;
        }

        var seconds = crises.Max(c => c.Terms.SlowModeSeconds);
        var siteWide = crises.Any(c => c.Scope == CrisisMode.Site);
        // Only posts inside the window can make the member wait: reading from its start on keeps this a few rows
        // of the (author, created_at) indexes, not every post the member ever wrote.
        var now = time.GetUtcNow();
        var last = (await store.QueryAsync(
            siteWide
                ? "SELECT max(at) FROM (SELECT created_at AS at FROM posts WHERE author_id = @m AND created_at > @since " +
                  "UNION ALL SELECT created_at FROM held_posts WHERE author_id = @m AND created_at > @since) x"
                : "SELECT max(at) FROM (SELECT p.created_at AS at FROM posts p JOIN topics t ON t.topic_id = p.topic_id WHERE p.author_id = @m AND p.created_at > @since AND t.category = @c " +
                  "UNION ALL SELECT h.created_at FROM held_posts h JOIN topics t ON t.topic_id = h.topic_id WHERE h.author_id = @m AND h.created_at > @since AND t.category = @c) x",
            r => Sql.ReadOptionalTime(r, 0),
            ct,
            ("m", Sql.Id(store.Engine, memberId)), ("c", category), ("since", Sql.Time(store.Engine, now.AddSeconds(-seconds))))).SingleOrDefault();
        if (last is not { } previous || previous.AddSeconds(seconds) <= now)
        {
            return null;
        }

        var wait = previous.AddSeconds(seconds) - now;
        return new Refusal(
            "slow-mode", $"The community is in crisis mode: one post every {seconds} seconds. You can post again in {Math.Ceiling(wait.TotalSeconds)} seconds.", null, wait);
    }
}
