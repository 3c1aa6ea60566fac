using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Search;

/// <summary>
/// Full-text index of posts (with their topic's title), accent- and case-insensitive for French and English
/// alike ("ete" finds "été"): PostgreSQL tsvector over an immutable unaccent, SQLite FTS5 with remove_diacritics.
/// The 'simple' configuration (no stemming) because a community writes both languages in one place.
/// Inline, so a post is findable as soon as it is published.
/// </summary>
public sealed class SearchIndex : IProjection
{
    public static readonly Migration Tables = new(
        "search/001-post-search",
        """
        CREATE EXTENSION IF NOT EXISTS unaccent;
        CREATE FUNCTION forum_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
          AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;
        CREATE TABLE post_search (
          post_id uuid PRIMARY KEY, topic_id uuid NOT NULL, title text NOT NULL, body text NOT NULL,
          document tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', forum_unaccent(title)), 'A') || setweight(to_tsvector('simple', forum_unaccent(body)), 'B')) STORED);
        CREATE INDEX post_search_document ON post_search USING gin (document);
        """,
        """
        CREATE VIRTUAL TABLE post_search USING fts5(
          title, body, post_id UNINDEXED, topic_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2');
        """);

    public string Name => "post-search";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string> { "topic.started", "topic.post-published", "topic.post-edited" };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        // A topic's title comes with its first event; later posts take it from the topic list inside the INSERT
        // itself, so the statement is a plain write that goes out with the append's other writes (no round trip
        // of its own). A batch (a rebuild) can hold many topics, so titles are kept per stream.
        var titles = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            var topic = Sql.Id(context.Engine, TopicsSetup.TopicIdOf(e.StreamId));
            switch (e.Data)
            {
                case TopicStarted s:
                    titles[e.StreamId] = s.Title;
                    break;
                case PostPublished p when titles.TryGetValue(e.StreamId, out var title):
                    await context.WriteAsync(
                        "INSERT INTO post_search (post_id, topic_id, title, body) VALUES (@p, @t, @title, @body)",
                        ct,
                        ("p", Sql.Id(context.Engine, p.PostId)), ("t", topic), ("title", title), ("body", p.Body));
                    break;
                case PostPublished p:
                    await context.WriteAsync(
                        "INSERT INTO post_search (post_id, topic_id, title, body) " +
                        "SELECT @p, @t, coalesce((SELECT title FROM topics WHERE topic_id = @t), ''), @body",
                        ct,
                        ("p", Sql.Id(context.Engine, p.PostId)), ("t", topic), ("body", p.Body));
                    break;
                case PostEdited p:
                    await context.WriteAsync("UPDATE post_search SET body = @body WHERE post_id = @p", ct, ("body", p.Body), ("p", Sql.Id(context.Engine, p.PostId)));
                    break;
            }
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM post_search", ct);
}
