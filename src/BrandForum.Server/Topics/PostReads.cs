using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
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

/// <summary>
/// Reads the web pages need beside <see cref="TopicReads"/>: a post's source, a member's posts and their own
/// reactions (from the <see cref="TopicPageProjection"/> tables), as a <see cref="Viewer"/> may see them.
/// </summary>
public sealed class PostReads(SqlEventStore store, TopicReads topics, CategoryReads categories)
{
    public const int AuthoredPageSize = 20;

    /// <summary>The post, or null when there is none, it sits in a category the viewer may not enter, or it is hidden from them.</summary>
    public async Task<PostSource?> SourceAsync(Guid postId, Viewer viewer, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT p.post_id, p.topic_id, t.title, p.number, p.author_id, m.user_name, p.markdown, p.created_at, p.deleted, p.hidden " +
            "FROM posts p JOIN topics t ON t.topic_id = p.topic_id LEFT JOIN member_cards m ON m.member_id = p.author_id WHERE p.post_id = @p",
            r => (Post: new PostSource(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), new AuthorRef(r.GetGuid(4), Sql.ReadOptionalString(r, 5)),
                r.GetString(6), Sql.ReadTime(r, 7), r.GetBoolean(8)), Hidden: r.GetBoolean(9)),
            ct,
            ("p", Sql.Id(store.Engine, postId)))).SingleOrDefault() is { Post: { } post } found
            && (!found.Hidden || viewer.IsStaff || viewer.MemberId == post.Author.MemberId) && await topics.MayEnterTopicAsync(post.TopicId, viewer, ct)
            ? post
            : null;

    /// <summary>A member's posts that are not deleted, newest first, in the categories the viewer may enter.</summary>
    public async Task<Paged<AuthoredPost>> ByAuthorAsync(Guid memberId, Viewer viewer, int page, CancellationToken ct)
    {
        var (visible, hidden) = TopicReads.NotIn("t.category", await categories.HiddenFromAsync(viewer, ct));
        const string from = "FROM posts p JOIN topics t ON t.topic_id = p.topic_id ";
        var where = "WHERE p.author_id = @m AND p.deleted = @no AND p.hidden = @no AND " + visible;
        (string, object?)[] parameters = [.. hidden, ("m", Sql.Id(store.Engine, memberId)), ("no", false)];
        var items = await store.QueryAsync(
            "SELECT p.post_id, p.topic_id, t.title, p.number, p.html, p.created_at " + from + where + " ORDER BY p.created_at DESC LIMIT @limit OFFSET @offset",
            r => new AuthoredPost(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetInt32(3), r.GetString(4), Sql.ReadTime(r, 5)),
            ct,
            [.. parameters, ("limit", AuthoredPageSize), ("offset", (page - 1) * AuthoredPageSize)]);
        var total = (await store.QueryAsync("SELECT count(*) " + from + where, Count, ct, parameters)).Single();
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

    private static long Count(System.Data.Common.DbDataReader r) => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
}
