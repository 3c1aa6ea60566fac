using System.Text;
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
        CREATE TABLE bench_raw (id bigserial PRIMARY KEY, stream_id text NOT NULL, data jsonb NOT NULL);
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
            await context.ExecuteAsync(
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

/// <summary>Decodes every event and writes one row per event (like a topic page's post rows), 500 rows a statement.</summary>
public sealed class PostRowsProjection : IProjection
{
    private const int RowsPerStatement = 500;

    public string Name => "bench.post-rows";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string> { BenchEvents.PostedType };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var chunk in events.Chunk(RowsPerStatement))
        {
            var sql = new StringBuilder("INSERT INTO bench_posts (position, stream_id, number, body) VALUES ");
            var parameters = new List<(string, object?)>(chunk.Length * 4);
            for (var i = 0; i < chunk.Length; i++)
            {
                var posted = (Posted)chunk[i].Data;
                sql.Append(i == 0 ? "" : ",").Append(System.Globalization.CultureInfo.InvariantCulture, $"(@p{i},@s{i},@n{i},@b{i})");
                parameters.Add(($"p{i}", chunk[i].Position));
                parameters.Add(($"s{i}", chunk[i].StreamId));
                parameters.Add(($"n{i}", posted.Number));
                parameters.Add(($"b{i}", posted.Body));
            }

            await context.ExecuteAsync(sql.ToString(), ct, [.. parameters]);
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM bench_posts", ct);
}
