using System.Collections.Concurrent;
using System.Text.Json;
using BrandForum.EventStore;
using Microsoft.Extensions.Options;

namespace BrandForum.Server.Topics;

/// <summary>
/// The JSON of topic pages, kept in memory by (topic, page) until an event of that topic is appended: a page is
/// read far more often than its topic changes (the topic-page benchmark: three queries and serializing per read
/// otherwise). Two invalidation paths:
/// <list type="bullet">
/// <item>this node's writes: <see cref="TopicCommands"/> calls <see cref="Invalidate"/> after each append has
/// committed and before it answers, so whoever wrote reads their write;</item>
/// <item>other nodes' writes: the log tail (<see cref="TopicPageCacheInvalidator"/>) invalidates within its latency.</item>
/// </list>
/// A page read while a write commits could hold the old content; it is stored with the topic's generation read
/// before the database was, and an invalidation bumps the generation, so such an entry is never served.
/// An entry keeps the roles its category lets in, checked against each reader: a page is cached once for all,
/// and a change to a category's access clears the cache (<see cref="TopicPageCacheInvalidator"/>). A page that
/// differs by reader (held or hidden posts) is cached as anyone sees it and read afresh for signed-in readers.
/// Authors' badges and ambassador flair change without an event of the topic, so an entry is also read afresh once it
/// is older than <see cref="FlairFreshness"/>: a new badge shows next to names within that.
/// </summary>
public sealed class TopicPageCache(TopicReads reads, IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json, TimeProvider time)
{
    /// <summary>About 10 kB a page: a bound of a few tens of MB. Full is rare, so it simply starts over.</summary>
    private const int MaxPages = 4096;

    public static readonly TimeSpan FlairFreshness = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<Guid, long> _generations = new();
    private readonly ConcurrentDictionary<(Guid TopicId, int Page), (Stamp Stamp, byte[] Json, IReadOnlyList<string> Access, bool Personal, bool Held, DateTimeOffset? StaleAt, long ReadAt)> _pages = new();
    private long _epoch;

    /// <summary>The page as the API serves it, or null when there is no such topic for this viewer.</summary>
    public async Task<byte[]?> JsonAsync(Guid topicId, int page, Categories.Viewer viewer, CancellationToken ct)
    {
        var stamp = new Stamp(Interlocked.Read(ref _epoch), _generations.GetValueOrDefault(topicId));
        var now = Environment.TickCount64;
        if (!_pages.TryGetValue((topicId, page), out var cached) || cached.Stamp != stamp || now - cached.ReadAt > (long)FlairFreshness.TotalMilliseconds
            || cached.StaleAt <= time.GetUtcNow())
        {
            if (await reads.PageWithAccessAsync(topicId, page, ct) is not { } found)
            {
                return null;
            }

            if (_pages.Count >= MaxPages)
            {
                _pages.Clear();
            }

            cached = (stamp, JsonSerializer.SerializeToUtf8Bytes(found.Page, json.Value.SerializerOptions), found.Access, found.Personal, found.Page.Held, found.StaleAt, now);
            _pages[(topicId, page)] = cached;
        }

        if (!viewer.MayEnter(cached.Access) || (cached.Held && viewer.MemberId is null))
        {
            return null;
        }

        // A page with held or hidden posts reads differently for their authors and staff, a poll for each member (voted
        // or not): such a reader gets it read for them. A poll that closes makes the entry stale at that time.
        return !cached.Personal || viewer.MemberId is null ? cached.Json
            : await reads.PageAsync(topicId, page, viewer, ct) is { } personal ? JsonSerializer.SerializeToUtf8Bytes(personal, json.Value.SerializerOptions)
            : null;
    }

    /// <summary>What a page of the topic read now is read under; it changes with every write to the topic and every clear.</summary>
    public string StampOf(Guid topicId) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Interlocked.Read(ref _epoch)}.{_generations.GetValueOrDefault(topicId)}");

    /// <summary>Forgets every page of the topic; call it after an append to the topic's stream has committed.</summary>
    public void Invalidate(Guid topicId) => _generations.AddOrUpdate(topicId, 1, (_, g) => g + 1);

    /// <summary>Forgets everything: when the tail cannot say what changed before the position it starts from.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _epoch);
        _pages.Clear();
    }

    /// <summary>What a page was read under: the whole cache's epoch and its topic's generation, both read before the database.</summary>
    private readonly record struct Stamp(long Epoch, long Generation);
}
