using BrandForum.EventStore;
using BrandForum.EventStore.Projections;

namespace BrandForum.Benchmarks;

/// <summary>A reply-sized event: about 200 bytes of JSON, like a short forum post with its ids.</summary>
public sealed record Posted(Guid TopicId, Guid AuthorId, int Number, string Body);

public static class BenchEvents
{
    public const string PostedType = "bench.posted";

    public static EventTypeRegistry Registry() => new EventTypeRegistry().Register<Posted>(PostedType);

    public static Posted Sample(int n) => new(Guid.CreateVersion7(), Guid.CreateVersion7(), n, "A reply of ordinary length, with a question and a thank-you at the end. Merci !");

    public static readonly Migration Tables = new(
        "bench/001-tables",
        """
        CREATE TABLE bench_raw (id bigserial PRIMARY KEY, stream_id text NOT NULL, data json NOT NULL);
        CREATE TABLE bench_topics (stream_id text PRIMARY KEY, posts bigint NOT NULL, last_number int NOT NULL);
        CREATE TABLE bench_posts (position bigint PRIMARY KEY, stream_id text NOT NULL, number int NOT NULL, body text NOT NULL);
        """,
        """
        CREATE TABLE bench_raw (id INTEGER PRIMARY KEY AUTOINCREMENT, stream_id TEXT NOT NULL, data TEXT NOT NULL);
        CREATE TABLE bench_topics (stream_id TEXT PRIMARY KEY, posts INTEGER NOT NULL, last_number INTEGER NOT NULL);
        CREATE TABLE bench_posts (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, number INTEGER NOT NULL, body TEXT NOT NULL);
        """);
}

/// <summary>Decodes every event and keeps one counter row per stream, written once per batch.</summary>
public sealed class TopicCountersProjection : IProjection
{
    public string Name => "bench.topic-counters";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string> { BenchEvents.PostedType };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var topic in events.GroupBy(e => e.StreamId))
        {
            await context.WriteAsync(
                "INSERT INTO bench_topics (stream_id, posts, last_number) VALUES (@s, @n, @last) " +
                "ON CONFLICT (stream_id) DO UPDATE SET posts = bench_topics.posts + excluded.posts, last_number = excluded.last_number",
                ct,
                ("s", topic.Key),
                ("n", (long)topic.Count()),
                ("last", topic.Max(e => ((Posted)e.Data).Number)));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM bench_topics", ct);
}

/// <summary>Decodes every event and writes one row per event, like a topic page's post rows.</summary>
public sealed class PostRowsProjection : IProjection
{
    public string Name => "bench.post-rows";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string> { BenchEvents.PostedType };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var posted = (Posted)e.Data;
            await context.WriteAsync(
                "INSERT INTO bench_posts (position, stream_id, number, body) VALUES (@p, @s, @n, @b)",
                ct,
                ("p", e.Position),
                ("s", e.StreamId),
                ("n", posted.Number),
                ("b", posted.Body));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM bench_posts", ct);
}

/// <summary>Decodes every event and writes nothing: the cost of reading the log itself, the floor under every rebuild.</summary>
public sealed class ReadOnlyProjection : IProjection
{
    public string Name => "bench.read-only";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string> { BenchEvents.PostedType };

    public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct) => Task.CompletedTask;

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
}
