using BrandForum.EventStore;

namespace BrandForum.Server.Animation;

/// <summary>
/// Read tables of what animates topics (polls and their ballots, solutions, contests and winners) and of the
/// site's announcement. Kept apart from the topic tables so each projection owns, resets and rebuilds its own.
/// </summary>
public static class AnimationSchema
{
    public static readonly Migration Tables = new(
        "animation/001-polls-solutions-contests-announcements",
        """
        CREATE TABLE polls (
          poll_id uuid PRIMARY KEY, topic_id uuid NOT NULL UNIQUE, question text NOT NULL, options text NOT NULL, multiple boolean NOT NULL,
          closes_at timestamptz, results text NOT NULL);
        CREATE TABLE poll_votes (poll_id uuid NOT NULL, member_id uuid NOT NULL, option_index int NOT NULL, PRIMARY KEY (poll_id, member_id, option_index));
        CREATE TABLE topic_solutions (topic_id uuid PRIMARY KEY, post_id uuid NOT NULL, marked_at timestamptz NOT NULL);
        CREATE TABLE contests (topic_id uuid PRIMARY KEY, deadline timestamptz NOT NULL);
        CREATE TABLE contest_winners (topic_id uuid NOT NULL, post_id uuid NOT NULL, member_id uuid NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (topic_id, post_id));
        CREATE TABLE announcements (
          slot int PRIMARY KEY, announcement_id uuid NOT NULL, markdown text NOT NULL, html text NOT NULL, until timestamptz, categories text NOT NULL);
        """,
        """
        CREATE TABLE polls (
          poll_id TEXT PRIMARY KEY, topic_id TEXT NOT NULL UNIQUE, question TEXT NOT NULL, options TEXT NOT NULL, multiple INTEGER NOT NULL,
          closes_at TEXT, results TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE poll_votes (poll_id TEXT NOT NULL, member_id TEXT NOT NULL, option_index INTEGER NOT NULL, PRIMARY KEY (poll_id, member_id, option_index)) WITHOUT ROWID;
        CREATE TABLE topic_solutions (topic_id TEXT PRIMARY KEY, post_id TEXT NOT NULL, marked_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE contests (topic_id TEXT PRIMARY KEY, deadline TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE contest_winners (topic_id TEXT NOT NULL, post_id TEXT NOT NULL, member_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (topic_id, post_id)) WITHOUT ROWID;
        CREATE TABLE announcements (
          slot INTEGER PRIMARY KEY, announcement_id TEXT NOT NULL, markdown TEXT NOT NULL, html TEXT NOT NULL, until TEXT, categories TEXT NOT NULL);
        """);
}
