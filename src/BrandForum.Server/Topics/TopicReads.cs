using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Animation;
using BrandForum.Server.Categories;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// A member named on a page. Next to a post's author only: <see cref="Badges"/>, the badges worth showing, and
/// <see cref="Ambassador"/>, an active ambassador's tier flair ("Ambassador", "Senior", "Champion"); left out of the
/// JSON when there are none, so every other place that names a member reads as before.
/// </summary>
public sealed record AuthorRef(
    Guid MemberId,
    string? UserName,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<FlairBadge>? Badges = null,
    [property: System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)] string? Ambassador = null);

/// <summary>A badge as shown next to a name.</summary>
public sealed record FlairBadge(string Badge, string Name, string Tier);

/// <summary>A topic in a list; <see cref="Unread"/> is for a signed-in reader only (posts after their read marker).</summary>
/// <see cref="Solved"/>: a reply is marked as the topic's solution.
public sealed record TopicSummary(
    Guid TopicId, string Title, string Category, AuthorRef Author, int ReplyCount, DateTimeOffset CreatedAt, DateTimeOffset LastPostAt, bool Pinned, bool Locked, int? Unread,
    bool Solved = false);

public sealed record PostRevision(int Revision, string Body, AuthorRef Editor, string? Reason, DateTimeOffset At);

/// <summary>
/// A post on a page. A hidden post keeps its place; its content and why it is hidden go only to its author and
/// staff (<see cref="Html"/> is null for everyone else).
/// </summary>
public sealed record PostView(
    Guid PostId, int Number, AuthorRef Author, string? Html, DateTimeOffset CreatedAt, DateTimeOffset? EditedAt, bool Deleted, IReadOnlyDictionary<string, int> Reactions,
    bool Hidden = false, string? HiddenReason = null);

/// <summary>A post waiting for a moderator, shown to its author (with the rule's message) and to staff, below the topic's posts.</summary>
public sealed record HeldPostView(Guid PostId, AuthorRef Author, string Html, DateTimeOffset CreatedAt, string? Message);

/// <summary>
/// <see cref="Held"/>: the opening post waits for a moderator; <see cref="HeldPosts"/>: those the reader may see (their own, or all for staff).
/// <see cref="Poll"/>, <see cref="Solution"/> and <see cref="Contest"/>: what animates the topic (the API names the solution by <see cref="SolvedBy"/>).
/// </summary>
public sealed record TopicPage(
    Guid TopicId, string Title, string Category, bool Locked, bool Pinned, int TotalPosts, int Page, int PageSize, IReadOnlyList<PostView> Posts,
    bool Held = false, int SlowModeSeconds = 0, IReadOnlyList<HeldPostView>? HeldPosts = null,
    PollView? Poll = null, [property: System.Text.Json.Serialization.JsonIgnore] SolutionView? Solution = null, ContestView? Contest = null, Guid? AuthorId = null)
{
    public Guid? SolvedBy => Solution?.PostId;
}

/// <summary>
/// A page as read for everyone, with the roles its category lets in. <see cref="Personal"/>: some of it differs by
/// reader (a hidden post, a held one, a held topic), so a signed-in reader gets it read for them.
/// </summary>
/// A poll makes it personal too (whether the member voted); <see cref="StaleAt"/>: when it changes by the clock alone (a poll closing).
public sealed record SharedPage(TopicPage Page, IReadOnlyList<string> Access, bool Personal, DateTimeOffset? StaleAt = null);

/// <summary>A post that mentions someone, for their mentions list (and, with the live issue, notifications).</summary>
public sealed record Mention(Guid TopicId, string Title, Guid PostId, int Number, AuthorRef Author, DateTimeOffset At);

public sealed record Paged<T>(IReadOnlyList<T> Items, int Page, int PageSize, long Total);

/// <summary>
/// Reads topic lists, topic pages, revisions and mentions (kept by <see cref="TopicPageProjection"/>), each as a
/// <see cref="Viewer"/> may see them: whatever sits in a category they may not enter reads as absent.
/// </summary>
public sealed class TopicReads(SqlEventStore store, CategoryReads categories, AnimationReads animation, Badges.BadgeCatalogue catalogue)
{
    public const int PageSize = 20;

    private const string SummaryColumns =
        "SELECT t.topic_id, t.title, t.category, t.author_id, m.user_name, t.post_count, t.created_at, t.last_post_at, t.pinned, t.locked, r.last_read, " +
        "EXISTS (SELECT 1 FROM topic_solutions s WHERE s.topic_id = t.topic_id) " +
        "FROM topics t LEFT JOIN member_cards m ON m.member_id = t.author_id " +
        "LEFT JOIN topic_reads r ON r.topic_id = t.topic_id AND r.member_id = @reader ";

    /// <summary>A category's topics, pinned first then by latest activity; the caller has checked the viewer may enter it.</summary>
    public async Task<Paged<TopicSummary>> ListAsync(string category, int page, Viewer viewer, CancellationToken ct)
    {
        var items = await store.QueryAsync(
            SummaryColumns + "WHERE t.category = @c AND " + NotHeld(viewer) + " ORDER BY t.pinned DESC, t.last_post_at DESC LIMIT @limit OFFSET @offset",
            r => ReadSummary(r, viewer),
            ct,
            ("c", category), ("reader", Reader(viewer)), ("no", false), ("limit", PageSize), ("offset", (page - 1) * PageSize));
        var total = (await store.QueryAsync(
            "SELECT count(*) FROM topics t WHERE t.category = @c AND " + NotHeld(viewer), Count, ct, ("c", category), ("reader", Reader(viewer)), ("no", false))).Single();
        return new Paged<TopicSummary>(items, page, PageSize, total);
    }

    /// <summary>The most recently active topics of every category the viewer may enter.</summary>
    public async Task<IReadOnlyList<TopicSummary>> LatestAsync(Viewer viewer, int count, CancellationToken ct)
    {
        var (hidden, parameters) = NotIn("t.category", await categories.HiddenFromAsync(viewer, ct));
        return await store.QueryAsync(
            SummaryColumns + "WHERE " + hidden + " AND " + NotHeld(viewer) + " ORDER BY t.last_post_at DESC LIMIT @limit",
            r => ReadSummary(r, viewer),
            ct,
            [.. parameters, ("reader", Reader(viewer)), ("no", false), ("limit", count)]);
    }

    /// <summary>Posts that mention this user name, newest first, in categories the viewer may enter.</summary>
    public async Task<Paged<Mention>> MentionsAsync(string userName, Viewer viewer, int page, CancellationToken ct)
    {
        var (hidden, parameters) = NotIn("t.category", await categories.HiddenFromAsync(viewer, ct));
        const string from = "FROM post_mentions x JOIN posts p ON p.post_id = x.post_id JOIN topics t ON t.topic_id = x.topic_id ";
        var where = "WHERE x.user_name = @u AND NOT p.deleted AND NOT p.hidden AND " + hidden;
        var items = await store.QueryAsync(
            "SELECT t.topic_id, t.title, p.post_id, p.number, x.author_id, m.user_name, x.at " + from +
            "LEFT JOIN member_cards m ON m.member_id = x.author_id " + where + " ORDER BY x.at DESC LIMIT @limit OFFSET @offset",
            r => new Mention(r.GetGuid(0), r.GetString(1), r.GetGuid(2), r.GetInt32(3), new AuthorRef(r.GetGuid(4), Sql.ReadOptionalString(r, 5)), Sql.ReadTime(r, 6)),
            ct,
            [.. parameters, ("u", userName.ToLowerInvariant()), ("limit", PageSize), ("offset", (page - 1) * PageSize)]);
        var total = (await store.QueryAsync("SELECT count(*) " + from + where, Count, ct, [.. parameters, ("u", userName.ToLowerInvariant())])).Single();
        return new Paged<Mention>(items, page, PageSize, total);
    }

    /// <summary>Whether the topic exists and the viewer may enter its category (what every action on it checks first: one light query).</summary>
    public async Task<bool> MayEnterTopicAsync(Guid topicId, Viewer viewer, CancellationToken ct) => await CategoryToEnterAsync(topicId, viewer, ct) is not null;

    /// <summary>The topic's category when the topic exists and the viewer may enter it, else null.</summary>
    public async Task<string?> CategoryToEnterAsync(Guid topicId, Viewer viewer, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT t.category, c.access FROM topics t LEFT JOIN categories c ON c.slug = t.category WHERE t.topic_id = @t",
            r => (Category: r.GetString(0), Access: r.IsDBNull(1) ? [] : Viewer.Parse(r.GetString(1))),
            ct,
            ("t", Sql.Id(store.Engine, topicId)))).SingleOrDefault() is { Category: not null } found && viewer.MayEnter(found.Access)
            ? found.Category
            : null;

    /// <summary>
    /// Every version of a post, oldest first; null when there is no such post (for this viewer) or it is deleted
    /// (staff still see it) or hidden (its author and staff still see it).
    /// </summary>
    public async Task<IReadOnlyList<PostRevision>?> RevisionsAsync(Guid postId, Viewer viewer, CancellationToken ct)
    {
        var id = Sql.Id(store.Engine, postId);
        var post = (await store.QueryAsync(
                "SELECT deleted, topic_id, hidden, author_id FROM posts WHERE post_id = @p",
                r => (Deleted: r.GetBoolean(0), Topic: r.GetGuid(1), Hidden: r.GetBoolean(2), Author: r.GetGuid(3)),
                ct,
                ("p", id)))
            .Cast<(bool Deleted, Guid Topic, bool Hidden, Guid Author)?>().SingleOrDefault();
        if (post is not { } found || (found.Deleted && !viewer.IsStaff) || (found.Hidden && !viewer.IsStaff && viewer.MemberId != found.Author)
            || !await MayEnterTopicAsync(found.Topic, viewer, ct))
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

    /// <summary>
    /// A page of posts, in number order, as this viewer sees it, or null when they may not see the topic. Deleted
    /// posts keep their place, without their content; hidden ones too, except for their author and staff.
    /// </summary>
    public async Task<TopicPage?> PageAsync(Guid topicId, int page, Viewer viewer, CancellationToken ct) =>
        await PageWithAccessAsync(topicId, page, ct, viewer.MemberId is null ? null : viewer) is { } found && viewer.MayEnter(found.Access) && MaySee(found.Page, viewer)
            ? found.Page
            : null;

    /// <summary>A topic whose opening post waits for a moderator is there only for its author and staff.</summary>
    public static bool MaySee(TopicPage page, Viewer viewer) =>
        !page.Held || viewer.IsStaff || (viewer.MemberId is { } me && page.Posts.Count == 0 && page.HeldPosts?.Any(h => h.Author.MemberId == me) == true);

    /// <summary>
    /// The page as whoever reads it (<paramref name="readFor"/> null: anyone, so it can be cached once and checked
    /// against each reader by <see cref="TopicPageCache"/>), or as one signed-in reader sees it.
    /// </summary>
    public async Task<SharedPage?> PageWithAccessAsync(Guid topicId, int page, CancellationToken ct, Viewer? readFor = null)
    {
        var id = Sql.Id(store.Engine, topicId);
        var topic = (await store.QueryAsync(
            "SELECT t.title, t.category, t.locked, t.pinned, t.post_count, c.access, t.held, t.slow_mode_seconds, " +
            "(SELECT count(*) FROM held_posts h WHERE h.topic_id = t.topic_id), t.author_id FROM topics t LEFT JOIN categories c ON c.slug = t.category WHERE t.topic_id = @t",
            r => (Title: r.GetString(0), Category: r.GetString(1), Locked: r.GetBoolean(2), Pinned: r.GetBoolean(3), Posts: r.GetInt32(4),
                Access: r.IsDBNull(5) ? [] : Viewer.Parse(r.GetString(5)), Held: r.GetBoolean(6), SlowMode: r.GetInt32(7), HeldPosts: Convert.ToInt32(r.GetValue(8), CultureInfo.InvariantCulture),
                Author: r.GetGuid(9)),
            ct,
            ("t", id))).SingleOrDefault();
        if (topic.Title is null)
        {
            return null;
        }

        var posts = await store.QueryAsync(
            // Badges and ambassador flair come in the same query, from rows kept per member (badge_flair, ambassadors).
            // A page is found by number, not OFFSET: published posts are numbered 1..n and stay in `posts` when deleted,
            // so page k holds the numbers after (k - 1) × 20. An OFFSET walked (and joined) every post before the page:
            // reading a 140,000-post topic page by page (the replies benchmark's check) ran for over eight minutes.
            "SELECT p.post_id, p.number, p.author_id, m.user_name, p.html, p.created_at, p.edited_at, p.deleted, p.hidden, p.hidden_reason, f.badges, a.tier " +
            "FROM posts p LEFT JOIN member_cards m ON m.member_id = p.author_id LEFT JOIN badge_flair f ON f.member_id = p.author_id " +
            "LEFT JOIN ambassadors a ON a.member_id = p.author_id AND a.status = 'active' WHERE p.topic_id = @t AND p.number > @after ORDER BY p.number LIMIT @limit",
            r => (Id: r.GetGuid(0), Number: r.GetInt32(1), Author: new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3), Flair(Sql.ReadOptionalString(r, 10)), TierFlair(r, 11)), Html: r.GetString(4),
                Created: Sql.ReadTime(r, 5), Edited: Sql.ReadOptionalTime(r, 6), Deleted: r.GetBoolean(7), Hidden: r.GetBoolean(8), HiddenReason: Sql.ReadOptionalString(r, 9)),
            ct,
            ("t", id), ("limit", PageSize), ("after", (page - 1) * PageSize));
        // Only this page's posts: counting the whole topic's reactions made a hot topic's every page slow.
        var reactions = (await store.QueryAsync(
            "SELECT r.post_id, r.kind, count(*) FROM post_reactions r " +
            "WHERE r.post_id IN (SELECT post_id FROM posts WHERE topic_id = @t AND number > @after ORDER BY number LIMIT @limit) GROUP BY r.post_id, r.kind",
            r => (Post: r.GetGuid(0), Kind: r.GetString(1), Count: Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)),
            ct,
            ("t", id), ("limit", PageSize), ("after", (page - 1) * PageSize))).ToLookup(x => x.Post);

        bool Reveal(Guid author) => readFor is { } reader && (reader.IsStaff || reader.MemberId == author);
        var held = readFor is not null && topic.HeldPosts > 0 ? await HeldPostsAsync(id, readFor, ct) : null;
        var animated = await animation.ForTopicAsync(topicId, readFor, ct);
        return new SharedPage(
            new TopicPage(topicId, topic.Title, topic.Category, topic.Locked, topic.Pinned, topic.Posts, page, PageSize, [.. posts.Select(p => new PostView(
                p.Id, p.Number, p.Author, p.Deleted || (p.Hidden && !Reveal(p.Author.MemberId)) ? null : p.Html, p.Created, p.Edited, p.Deleted,
                reactions[p.Id].ToDictionary(x => x.Kind, x => x.Count, StringComparer.Ordinal), p.Hidden, p.Hidden && Reveal(p.Author.MemberId) ? p.HiddenReason : null))],
                topic.Held, topic.SlowMode, held, animated.Poll, animated.Solution, animated.Contest, topic.Author),
            topic.Access,
            Personal: topic.Held || topic.HeldPosts > 0 || posts.Any(p => p.Hidden) || animated.Poll is not null,
            StaleAt: animated.Poll is { Closed: false, ClosesAt: { } closes } ? closes : null);
    }

    /// <summary>The topic's posts waiting for review that this reader may see: all of them for staff, else their own.</summary>
    private async Task<IReadOnlyList<HeldPostView>> HeldPostsAsync(object topic, Viewer reader, CancellationToken ct) =>
        await store.QueryAsync(
            "SELECT h.post_id, h.author_id, m.user_name, h.html, h.created_at, h.message FROM held_posts h LEFT JOIN member_cards m ON m.member_id = h.author_id " +
            "WHERE h.topic_id = @t" + (reader.IsStaff ? "" : " AND h.author_id = @me") + " ORDER BY h.created_at",
            r => new HeldPostView(r.GetGuid(0), new AuthorRef(r.GetGuid(1), Sql.ReadOptionalString(r, 2)), r.GetString(3), Sql.ReadTime(r, 4), Sql.ReadOptionalString(r, 5)),
            ct,
            ("t", topic), ("me", reader.MemberId is { } me ? Sql.Id(store.Engine, me) : null));

    /// <summary>Topics waiting for a moderator are listed only for their author and staff (needs @reader and @no).</summary>
    private static string NotHeld(Viewer viewer) => viewer.IsStaff ? "1 = 1" : "(t.held = @no OR t.author_id = @reader)";

    private object? Reader(Viewer viewer) => viewer.MemberId is { } id ? Sql.Id(store.Engine, id) : null;

    /// <summary>Unread is for a signed-in reader: the posts after their marker (all of them in a topic they never opened).</summary>
    private static TopicSummary ReadSummary(System.Data.Common.DbDataReader r, Viewer viewer) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), new AuthorRef(r.GetGuid(3), Sql.ReadOptionalString(r, 4)), Math.Max(0, r.GetInt32(5) - 1),
        Sql.ReadTime(r, 6), Sql.ReadTime(r, 7), r.GetBoolean(8), r.GetBoolean(9),
        viewer.MemberId is null ? null : r.GetInt32(5) - (r.IsDBNull(10) ? 0 : r.GetInt32(10)), r.GetBoolean(11));

    /// <summary>"column NOT IN (…)" with one parameter per value (or a condition always true when there is none).</summary>
    public static (string Sql, (string Name, object? Value)[] Parameters) NotIn(string column, IReadOnlyList<string> values) =>
        values.Count == 0
            ? ("1 = 1", [])
            : ($"{column} NOT IN ({string.Join(", ", values.Select((_, i) => $"@h{i}"))})", [.. values.Select((v, i) => ($"h{i}", (object?)v))]);

    private IReadOnlyList<FlairBadge>? Flair(string? ids) => string.IsNullOrEmpty(ids) ? null
        : [.. ids.Split(',').Select(catalogue.Find).OfType<Badges.Badge>().Select(b => new FlairBadge(b.Id, b.Name, Badges.Badge.TierName(b.Tier)))];

    private static string? TierFlair(System.Data.Common.DbDataReader r, int ordinal) =>
        r.IsDBNull(ordinal) ? null : ((Domain.Referrals.AmbassadorTier)Convert.ToInt32(r.GetValue(ordinal), CultureInfo.InvariantCulture)).ToString();

    private static long Count(System.Data.Common.DbDataReader r) => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
}
