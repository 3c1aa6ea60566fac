using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

public sealed record AuthorRef(Guid MemberId, string? UserName);

/// <summary>A topic in a list; <see cref="Unread"/> is for a signed-in reader only (posts after their read marker).</summary>
public sealed record TopicSummary(Guid TopicId, string Title, AuthorRef Author, int ReplyCount, DateTimeOffset CreatedAt, DateTimeOffset LastPostAt, bool Pinned, bool Locked, int? Unread);

public sealed record PostRevision(int Revision, string Body, AuthorRef Editor, string? Reason, DateTimeOffset At);

public sealed record PostView(Guid PostId, int Number, AuthorRef Author, string? Html, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted, IReadOnlyDictionary<string, int> Reactions);

public sealed record TopicPage(Guid TopicId, string Title, string Category, bool Locked, bool Pinned, int TotalPosts, int Page, int PageSize, IReadOnlyList<PostView> Posts);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>Reads the topic list of a category and a topic's pages (kept by <see cref="TopicPageProjection"/>).</summary>
public sealed class TopicReads(SqlEventStore store)
{
    public const int PageSize = 20;

    public async Task<Paged<TopicSummary>> ListAsync(string category, int page, Guid? reader, CancellationToken ct)
    {
        var items = await store.QueryAsync(
            "SELECT t.topic_id, t.title, t.author_id, m.user_name, t.post_count, t.created_at, t.last_post_at, t.pinned, t.locked, r.last_read " +
            "FROM topics t LEFT JOIN member_cards m ON m.member_id = t.author_id " +
            "LEFT JOIN topic_reads r ON r.topic_id = t.topic_id AND r.member_id = @reader WHERE t.category = @c " +
            "ORDER BY t.pinned DESC, t.last_post_at DESC LIMIT @limit OFFSET @offset",
            r => new TopicSummary(
                r.GetGuid(0), r.GetString(1), new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3)), Math.Max(0, r.GetInt32(4) - 1),
                Sql.ReadTime(r, 5), Sql.ReadTime(r, 6), r.GetBoolean(7), r.GetBoolean(8),
                reader is null ? null : r.GetInt32(4) - (r.IsDBNull(9) ? 0 : r.GetInt32(9))),
            ct,
            ("c", category), ("reader", reader is { } id ? Sql.Id(store.Engine, id) : null), ("limit", PageSize), ("offset", (page - 1) * PageSize));
        var total = (await store.QueryAsync("SELECT count(*) FROM topics WHERE category = @c", r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ct, ("c", category))).Single();
        return new Paged<TopicSummary>(items, page, PageSize, total);
    }

    /// <summary>Every version of a post, oldest first; null when there is no such post or it is deleted (staff still see it).</summary>
    public async Task<IReadOnlyList<PostRevision>?> RevisionsAsync(Guid postId, bool staff, CancellationToken ct)
    {
        var id = Sql.Id(store.Engine, postId);
        var deleted = (await store.QueryAsync("SELECT deleted FROM posts WHERE post_id = @p", r => (bool?)r.GetBoolean(0), ct, ("p", id))).SingleOrDefault();
        if (deleted is null || (deleted.Value && !staff))
        {
            return null;
        }

        return await store.QueryAsync(
            "SELECT v.revision, v.markdown, v.editor_id, m.user_name, v.reason, v.at FROM post_revisions v " +
            "LEFT JOIN member_cards m ON m.member_id = v.editor_id WHERE v.post_id = @p ORDER BY v.revision",
            r => new PostRevision(r.GetInt32(0), r.GetString(1), new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3)), Sql.ReadOptionalString(r, 4), Sql.ReadTime(r, 5)),
            ct,
            ("p", id));
    }

    /// <summary>Moves a reader's marker forward (never back), within the topic's posts; false for an unknown topic.</summary>
    public async Task<bool> MarkReadAsync(Guid memberId, Guid topicId, int lastReadPostNumber, CancellationToken ct)
    {
        var topic = Sql.Id(store.Engine, topicId);
        var posts = (await store.QueryAsync("SELECT post_count FROM topics WHERE topic_id = @t", r => (int?)r.GetInt32(0), ct, ("t", topic))).SingleOrDefault();
        if (posts is null)
        {
            return false;
        }

        await store.ExecuteAsync(
            "INSERT INTO topic_reads (member_id, topic_id, last_read) VALUES (@m, @t, @n) " +
            "ON CONFLICT (member_id, topic_id) DO UPDATE SET last_read = CASE WHEN excluded.last_read > topic_reads.last_read THEN excluded.last_read ELSE topic_reads.last_read END",
            ct,
            ("m", Sql.Id(store.Engine, memberId)), ("t", topic), ("n", Math.Min(lastReadPostNumber, posts.Value)));
        return true;
    }

    /// <summary>The topic a post belongs to, or null when there is no such post.</summary>
    public async Task<Guid?> TopicOfPostAsync(Guid postId, CancellationToken ct) =>
        (await store.QueryAsync("SELECT topic_id FROM posts WHERE post_id = @p", r => (Guid?)r.GetGuid(0), ct, ("p", Sql.Id(store.Engine, postId)))).SingleOrDefault();

    /// <summary>A page of posts, in number order. Deleted posts keep their place, without their content.</summary>
    public async Task<TopicPage?> PageAsync(Guid topicId, int page, CancellationToken ct)
    {
        var id = Sql.Id(store.Engine, topicId);
        var topic = (await store.QueryAsync(
            "SELECT title, category, locked, pinned, post_count FROM topics WHERE topic_id = @t",
            r => (Title: r.GetString(0), Category: r.GetString(1), Locked: r.GetBoolean(2), Pinned: r.GetBoolean(3), Posts: r.GetInt32(4)),
            ct,
            ("t", id))).SingleOrDefault();
        if (topic.Title is null)
        {
            return null;
        }

        var posts = await store.QueryAsync(
            "SELECT p.post_id, p.number, p.author_id, m.user_name, p.html, p.created_at, p.edited_at, p.deleted " +
            "FROM posts p LEFT JOIN member_cards m ON m.member_id = p.author_id WHERE p.topic_id = @t ORDER BY p.number LIMIT @limit OFFSET @offset",
            r => (Id: r.GetGuid(0), Number: r.GetInt32(1), Author: new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3)), Html: r.GetString(4),
                Created: Sql.ReadTime(r, 5), Edited: Sql.ReadOptionalTime(r, 6), Deleted: r.GetBoolean(7)),
            ct,
            ("t", id), ("limit", PageSize), ("offset", (page - 1) * PageSize));
        // Only this page's posts: counting the whole topic's reactions made a hot topic's every page slow.
        var reactions = (await store.QueryAsync(
            "SELECT r.post_id, r.kind, count(*) FROM post_reactions r " +
            "WHERE r.post_id IN (SELECT post_id FROM posts WHERE topic_id = @t ORDER BY number LIMIT @limit OFFSET @offset) GROUP BY r.post_id, r.kind",
            r => (Post: r.GetGuid(0), Kind: r.GetString(1), Count: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)),
            ct,
            ("t", id), ("limit", PageSize), ("offset", (page - 1) * PageSize))).ToLookup(x => x.Post);

        return new TopicPage(topicId, topic.Title, topic.Category, topic.Locked, topic.Pinned, topic.Posts, page, PageSize, [.. posts.Select(p => new PostView(
            p.Id, p.Number, p.Author, p.Deleted ? null : p.Html, p.Created, p.Edited, p.Deleted,
            reactions[p.Id].ToDictionary(x => x.Kind, x => x.Count, StringComparer.Ordinal)))]);
    }
}
