using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

public sealed record AuthorRef(Guid MemberId, string? UserName);

public sealed record TopicSummary(Guid TopicId, string Title, AuthorRef Author, int ReplyCount, DateTimeOffset CreatedAt, DateTimeOffset LastPostAt, bool Pinned, bool Locked);

public sealed record PostView(Guid PostId, int Number, AuthorRef Author, string? Html, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted, IReadOnlyDictionary<string, int> Reactions);

public sealed record TopicPage(Guid TopicId, string Title, string Category, bool Locked, bool Pinned, int TotalPosts, int Page, int PageSize, IReadOnlyList<PostView> Posts);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>Reads the topic list of a category and a topic's pages (kept by <see cref="TopicPageProjection"/>).</summary>
public sealed class TopicReads(SqlEventStore store)
{
    public const int PageSize = 20;

    public async Task<Paged<TopicSummary>> ListAsync(string category, int page, CancellationToken ct)
    {
        var items = await store.QueryAsync(
            "SELECT t.topic_id, t.title, t.author_id, m.user_name, t.post_count, t.created_at, t.last_post_at, t.pinned, t.locked " +
            "FROM topics t LEFT JOIN member_cards m ON m.member_id = t.author_id WHERE t.category = @c " +
            "ORDER BY t.pinned DESC, t.last_post_at DESC LIMIT @limit OFFSET @offset",
            r => new TopicSummary(
                r.GetGuid(0), r.GetString(1), new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3)), Math.Max(0, r.GetInt32(4) - 1),
                Sql.ReadTime(r, 5), Sql.ReadTime(r, 6), r.GetBoolean(7), r.GetBoolean(8)),
            ct,
            ("c", category), ("limit", PageSize), ("offset", (page - 1) * PageSize));
        var total = (await store.QueryAsync("SELECT count(*) FROM topics WHERE category = @c", r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ct, ("c", category))).Single();
        return new Paged<TopicSummary>(items, page, PageSize, total);
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
        var reactions = (await store.QueryAsync(
            "SELECT r.post_id, r.kind, count(*) FROM post_reactions r JOIN posts p ON p.post_id = r.post_id WHERE p.topic_id = @t GROUP BY r.post_id, r.kind",
            r => (Post: r.GetGuid(0), Kind: r.GetString(1), Count: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)),
            ct,
            ("t", id))).ToLookup(x => x.Post);

        return new TopicPage(topicId, topic.Title, topic.Category, topic.Locked, topic.Pinned, topic.Posts, page, PageSize, [.. posts.Select(p => new PostView(
            p.Id, p.Number, p.Author, p.Deleted ? null : p.Html, p.Created, p.Edited, p.Deleted,
            reactions[p.Id].ToDictionary(x => x.Kind, x => x.Count, StringComparer.Ordinal)))]);
    }
}
