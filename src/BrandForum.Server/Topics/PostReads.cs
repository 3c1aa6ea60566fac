using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>A post's source and place, for editing, quoting and links that must land on the right page.</summary>
public sealed record PostSource(Guid PostId, Guid TopicId, string TopicTitle, int Number, AuthorRef Author, string Markdown, DateTimeOffset CreatedAt, bool Deleted)
{
    /// <summary>The topic page this post is on (pages hold <see cref="TopicReads.PageSize"/> posts).</summary>
    public int Page => ((Number - 1) / TopicReads.PageSize) + 1;
}

/// <summary>A member's post in a list of their posts (profile).</summary>
public sealed record AuthoredPost(Guid PostId, Guid TopicId, string TopicTitle, int Number, string Html, DateTimeOffset CreatedAt);

/// <summary>A topic in the list of latest topics across categories, with the category it is in.</summary>
public sealed record LatestTopic(TopicSummary Topic, string CategorySlug, string CategoryName, string CategoryColor);

/// <summary>When a category last saw a post, and how many of its posts a member has not read.</summary>
public sealed record CategoryActivity(DateTimeOffset LastPostAt, long? Unread);

/// <summary>
/// Reads the web pages need beside <see cref="TopicReads"/>: a post's source, a member's posts, their own
/// reactions, and activity across categories (all from the <see cref="TopicPageProjection"/> tables).
/// </summary>
public sealed class PostReads(SqlEventStore store)
{
    public const int AuthoredPageSize = 20;

    public async Task<PostSource?> SourceAsync(Guid postId, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT p.post_id, p.topic_id, t.title, p.number, p.author_id, m.user_name, p.markdown, p.created_at, p.deleted " +
            "FROM posts p JOIN topics t ON t.topic_id = p.topic_id LEFT JOIN member_cards m ON m.member_id = p.author_id WHERE p.post_id = @p",
            r => new PostSource(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), new AuthorRef(r.GetGuid(4), Sql.ReadOptionalString(r, 5)),
                r.GetString(6), Sql.ReadTime(r, 7), r.GetBoolean(8)),
            ct,
            ("p", Sql.Id(store.Engine, postId)))).SingleOrDefault();

    /// <summary>A member's visible posts, newest first.</summary>
    public async Task<Paged<AuthoredPost>> ByAuthorAsync(Guid memberId, int page, CancellationToken ct)
    {
        var member = Sql.Id(store.Engine, memberId);
        var items = await store.QueryAsync(
            "SELECT p.post_id, p.topic_id, t.title, p.number, p.html, p.created_at FROM posts p JOIN topics t ON t.topic_id = p.topic_id " +
            "WHERE p.author_id = @m AND p.deleted = @no ORDER BY p.created_at DESC LIMIT @limit OFFSET @offset",
            r => new AuthoredPost(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), r.GetString(4), Sql.ReadTime(r, 5)),
            ct,
            ("m", member), ("no", false), ("limit", AuthoredPageSize), ("offset", (page - 1) * AuthoredPageSize));
        var total = (await store.QueryAsync("SELECT count(*) FROM posts WHERE author_id = @m AND deleted = @no", Count, ct, ("m", member), ("no", false))).Single();
        return new Paged<AuthoredPost>(items, page, AuthoredPageSize, total);
    }

    /// <summary>The reactions a member gave in a topic, as (post, kind) pairs, so the page can show them pressed.</summary>
    public async Task<IReadOnlySet<(Guid PostId, string Kind)>> MyReactionsAsync(Guid memberId, Guid topicId, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT r.post_id, r.kind FROM post_reactions r JOIN posts p ON p.post_id = r.post_id WHERE p.topic_id = @t AND r.member_id = @m",
            r => (r.GetGuid(0), r.GetString(1)),
            ct,
            ("t", Sql.Id(store.Engine, topicId)), ("m", Sql.Id(store.Engine, memberId)))).ToHashSet();

    /// <summary>One post's reaction counts, and which of them are the member's.</summary>
    public async Task<(IReadOnlyDictionary<string, int> Counts, IReadOnlySet<string> Mine)> ReactionsAsync(Guid postId, Guid memberId, CancellationToken ct)
    {
        var rows = await store.QueryAsync(
            "SELECT kind, member_id FROM post_reactions WHERE post_id = @p",
            r => (Kind: r.GetString(0), Member: r.GetGuid(1)),
            ct,
            ("p", Sql.Id(store.Engine, postId)));
        return (rows.GroupBy(x => x.Kind, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            rows.Where(x => x.Member == memberId).Select(x => x.Kind).ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Per category slug: the last post's time and, for a member, the posts they have not read.</summary>
    public async Task<IReadOnlyDictionary<string, CategoryActivity>> CategoryActivityAsync(Guid? reader, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT t.category, max(t.last_post_at), sum(t.post_count - coalesce(r.last_read, 0)) FROM topics t " +
            "LEFT JOIN topic_reads r ON r.topic_id = t.topic_id AND r.member_id = @reader GROUP BY t.category",
            r => (Slug: r.GetString(0), Activity: new CategoryActivity(Sql.ReadTime(r, 1), reader is null ? null : Count(r, 2))),
            ct,
            ("reader", reader is { } id ? Sql.Id(store.Engine, id) : null))).ToDictionary(x => x.Slug, x => x.Activity, StringComparer.Ordinal);

    /// <summary>
    /// The most recently active topics of open categories.
    /// TODO(#4): replace with TopicReads.LatestAsync once it lands from main (it will also respect private categories).
    /// </summary>
    public async Task<IReadOnlyList<LatestTopic>> LatestTopicsAsync(int limit, Guid? reader, CancellationToken ct) =>
        await store.QueryAsync(
            "SELECT t.topic_id, t.title, t.author_id, m.user_name, t.post_count, t.created_at, t.last_post_at, t.pinned, t.locked, r.last_read, " +
            "c.slug, c.name, c.color FROM topics t JOIN categories c ON c.slug = t.category " +
            "LEFT JOIN member_cards m ON m.member_id = t.author_id " +
            "LEFT JOIN topic_reads r ON r.topic_id = t.topic_id AND r.member_id = @reader WHERE c.archived = @no " +
            "ORDER BY t.last_post_at DESC LIMIT @limit",
            r => new LatestTopic(
                new TopicSummary(
                    r.GetGuid(0), r.GetString(1), new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3)), Math.Max(0, r.GetInt32(4) - 1),
                    Sql.ReadTime(r, 5), Sql.ReadTime(r, 6), r.GetBoolean(7), r.GetBoolean(8),
                    reader is null ? null : r.GetInt32(4) - (r.IsDBNull(9) ? 0 : r.GetInt32(9))),
                r.GetString(10), r.GetString(11), r.GetString(12)),
            ct,
            ("reader", reader is { } id ? Sql.Id(store.Engine, id) : null), ("no", false), ("limit", limit));

    private static long Count(System.Data.Common.DbDataReader r) => Count(r, 0);

    private static long Count(System.Data.Common.DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? 0 : Convert.ToInt64(r.GetValue(ordinal), CultureInfo.InvariantCulture);
}
