using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Content;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

public static class TopicsSetup
{
    /// <summary>The stored names of topic events: a contract, never renamed.</summary>
    public static IReadOnlyDictionary<Type, string> EventNames { get; } = new Dictionary<Type, string>
    {
        [typeof(TopicStarted)] = "topic.started",
        [typeof(PostPublished)] = "topic.post-published",
        [typeof(PostEdited)] = "topic.post-edited",
        [typeof(PostDeleted)] = "topic.post-deleted",
        [typeof(PostRestored)] = "topic.post-restored",
        [typeof(TopicLocked)] = "topic.locked",
        [typeof(TopicUnlocked)] = "topic.unlocked",
        [typeof(TopicPinned)] = "topic.pinned",
        [typeof(TopicUnpinned)] = "topic.unpinned",
        [typeof(TopicMoved)] = "topic.moved",
        [typeof(ReactionAdded)] = "topic.reaction-added",
        [typeof(ReactionRemoved)] = "topic.reaction-removed",
        [typeof(PostHeld)] = "topic.post-held",
        [typeof(PostApproved)] = "topic.post-approved",
        [typeof(PostRejected)] = "topic.post-rejected",
        [typeof(PostHidden)] = "topic.post-hidden",
        [typeof(PostUnhidden)] = "topic.post-unhidden",
        [typeof(PostFlagged)] = "topic.post-flagged",
        [typeof(ReviewDecided)] = "topic.review-decided",
        [typeof(ReviewClaimed)] = "topic.review-claimed",
        [typeof(ReviewReleased)] = "topic.review-released",
        [typeof(TopicSlowModeSet)] = "topic.slow-mode-set",
    };

    public static readonly Migration Tables = new(
        "topics/001-topics-posts",
        """
        CREATE TABLE topics (
          topic_id uuid PRIMARY KEY, category text NOT NULL, title text NOT NULL, author_id uuid NOT NULL,
          created_at timestamptz NOT NULL, last_post_at timestamptz NOT NULL, post_count int NOT NULL,
          pinned boolean NOT NULL, locked boolean NOT NULL);
        CREATE INDEX topics_category ON topics (category, pinned DESC, last_post_at DESC);
        CREATE TABLE posts (
          post_id uuid PRIMARY KEY, topic_id uuid NOT NULL, number int NOT NULL, author_id uuid NOT NULL, reply_to uuid,
          markdown text NOT NULL, html text NOT NULL, created_at timestamptz NOT NULL, edited_at timestamptz,
          deleted boolean NOT NULL, UNIQUE (topic_id, number));
        CREATE TABLE post_reactions (post_id uuid NOT NULL, member_id uuid NOT NULL, kind text NOT NULL, PRIMARY KEY (post_id, member_id, kind));
        """,
        """
        CREATE TABLE topics (
          topic_id TEXT PRIMARY KEY, category TEXT NOT NULL, title TEXT NOT NULL, author_id TEXT NOT NULL,
          created_at TEXT NOT NULL, last_post_at TEXT NOT NULL, post_count INTEGER NOT NULL,
          pinned INTEGER NOT NULL, locked INTEGER NOT NULL) WITHOUT ROWID;
        CREATE INDEX topics_category ON topics (category, pinned DESC, last_post_at DESC);
        CREATE TABLE posts (
          post_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL, number INTEGER NOT NULL, author_id TEXT NOT NULL, reply_to TEXT,
          markdown TEXT NOT NULL, html TEXT NOT NULL, created_at TEXT NOT NULL, edited_at TEXT,
          deleted INTEGER NOT NULL, UNIQUE (topic_id, number)) WITHOUT ROWID;
        CREATE TABLE post_reactions (post_id TEXT NOT NULL, member_id TEXT NOT NULL, kind TEXT NOT NULL, PRIMARY KEY (post_id, member_id, kind)) WITHOUT ROWID;
        """);

    public static readonly Migration RevisionsAndReads = new(
        "topics/002-revisions-reads",
        """
        CREATE TABLE post_revisions (
          post_id uuid NOT NULL, revision int NOT NULL, markdown text NOT NULL, editor_id uuid NOT NULL, reason text,
          at timestamptz NOT NULL, PRIMARY KEY (post_id, revision));
        CREATE TABLE topic_reads (member_id uuid NOT NULL, topic_id uuid NOT NULL, last_read int NOT NULL, PRIMARY KEY (member_id, topic_id));
        CREATE INDEX posts_author ON posts (author_id, created_at);
        CREATE INDEX topics_author ON topics (author_id, created_at);
        """,
        """
        CREATE TABLE post_revisions (
          post_id TEXT NOT NULL, revision INTEGER NOT NULL, markdown TEXT NOT NULL, editor_id TEXT NOT NULL, reason TEXT,
          at TEXT NOT NULL, PRIMARY KEY (post_id, revision)) WITHOUT ROWID;
        CREATE TABLE topic_reads (member_id TEXT NOT NULL, topic_id TEXT NOT NULL, last_read INTEGER NOT NULL, PRIMARY KEY (member_id, topic_id)) WITHOUT ROWID;
        CREATE INDEX posts_author ON posts (author_id, created_at);
        CREATE INDEX topics_author ON topics (author_id, created_at);
        """);

    /// <summary>Who each post mentions (user names in lower case), kept for notifications: a mention added by an edit counts too.</summary>
    public static readonly Migration Mentions = new(
        "topics/004-mentions",
        """
        CREATE TABLE post_mentions (
          post_id uuid NOT NULL, user_name text NOT NULL, topic_id uuid NOT NULL, author_id uuid NOT NULL, at timestamptz NOT NULL,
          PRIMARY KEY (post_id, user_name));
        CREATE INDEX post_mentions_user ON post_mentions (user_name, at);
        """,
        """
        CREATE TABLE post_mentions (
          post_id TEXT NOT NULL, user_name TEXT NOT NULL, topic_id TEXT NOT NULL, author_id TEXT NOT NULL, at TEXT NOT NULL,
          PRIMARY KEY (post_id, user_name)) WITHOUT ROWID;
        CREATE INDEX post_mentions_user ON post_mentions (user_name, at);
        """);

    /// <summary>
    /// Moderated posts: a topic whose opening post is held, posts hidden (with why, for their author), held posts
    /// apart from the numbered ones (they have no number until approved), and each topic's slow mode.
    /// </summary>
    public static readonly Migration Moderated = new(
        "topics/005-moderated-posts",
        """
        ALTER TABLE topics ADD COLUMN held boolean NOT NULL DEFAULT false, ADD COLUMN slow_mode_seconds int NOT NULL DEFAULT 0;
        ALTER TABLE posts ADD COLUMN hidden boolean NOT NULL DEFAULT false, ADD COLUMN hidden_reason text;
        CREATE TABLE held_posts (
          post_id uuid PRIMARY KEY, topic_id uuid NOT NULL, author_id uuid NOT NULL, reply_to uuid, markdown text NOT NULL, html text NOT NULL,
          created_at timestamptz NOT NULL, message text);
        CREATE INDEX held_posts_topic ON held_posts (topic_id, created_at);
        CREATE INDEX held_posts_author ON held_posts (author_id, created_at);
        """,
        """
        ALTER TABLE topics ADD COLUMN held INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE topics ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE posts ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE posts ADD COLUMN hidden_reason TEXT;
        CREATE TABLE held_posts (
          post_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL, author_id TEXT NOT NULL, reply_to TEXT, markdown TEXT NOT NULL, html TEXT NOT NULL,
          created_at TEXT NOT NULL, message TEXT) WITHOUT ROWID;
        CREATE INDEX held_posts_topic ON held_posts (topic_id, created_at);
        CREATE INDEX held_posts_author ON held_posts (author_id, created_at);
        """);

    public static string StreamId(Guid topicId) => $"topic-{topicId}";

    public static Guid TopicIdOf(string streamId) => Guid.Parse(streamId.AsSpan("topic-".Length));

    public static IServiceCollection AddTopics(this IServiceCollection services) => services
        .AddSingleton(new EventTypes(types =>
        {
            foreach (var (type, name) in EventNames)
            {
                types.Register(type, name);
            }
        }))
        .AddSingleton(Tables)
        .AddSingleton(RevisionsAndReads)
        .AddSingleton(Visits.Table)
        .AddSingleton(Visits.Days)
        .AddSingleton(Mentions)
        .AddSingleton(Moderated)
        .AddSingleton<Visits>()
        .AddSingleton(provider => new InlineProjection(new TopicPageProjection(provider.GetRequiredService<MarkdownRenderer>())))
        .AddSingleton<TopicReads>()
        .AddSingleton<TopicHistory>()
        .AddSingleton<TopicWriter>()
        .AddSingleton<TopicPageCache>()
        .AddSingleton<ILogFollower, TopicPageCacheInvalidator>()
        .AddSingleton<PostReads>()
        .AddSingleton<ReactionKinds>()
        .AddSingleton<PostingPace>()
        .AddScoped<TopicCommands>();
}

/// <summary>The reactions members may use (Forum:Reactions, comma-separated): configuration, passed to the decider.</summary>
public sealed class ReactionKinds(IConfiguration configuration)
{
    public IReadOnlySet<string> Allowed { get; } = new HashSet<string>(
        (configuration["Forum:Reactions"] ?? "like,love,haha,wow,sad,insightful").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
        StringComparer.Ordinal);
}
