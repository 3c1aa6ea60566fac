using BrandForum.Domain.Listening;
using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Listening;

/// <summary>
/// Counts the watchlist's terms in published posts, per hour, with the rulebook's <see cref="WordMatcher"/> (case and
/// accents aside, whole words, <c>*</c> wildcards): there is one way to find words in a post. A post is matched against
/// the watchlist as it stood when the post was published, in log order — so a term added today counts from today,
/// on a rebuild too (listening starts when you start listening).
/// </summary>
public sealed class ListeningProjection : IProjection
{
    public const string ProjectionName = "listening";

    /// <summary>
    /// Mentions kept per term and batch: the page and the API show a term's latest posts, so a batch (a page of up to
    /// 20,000 events on a rebuild) need not write a row for every mention it counts. The hourly counts stay exact.
    /// </summary>
    public const int KeptMentionsPerBatch = 50;

    public string Name => ProjectionName;

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        ListeningSetup.EventNames[typeof(WatchlistSet)],
        TopicsSetup.EventNames[typeof(PostPublished)],
    };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        IReadOnlyList<string>? newTerms = null;
        var terms = await TermsAsync(context, ct);
        var matcher = new WordMatcher(terms);
        var hours = new Dictionary<(string Term, string Hour), int>();
        var mentions = new List<(string Term, Guid PostId, Guid TopicId, DateTimeOffset At)>();
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case WatchlistSet s:
                    newTerms = terms = s.Terms;
                    matcher = new WordMatcher(terms);
                    break;
                case PostPublished p when terms.Count > 0:
                    foreach (var term in matcher.Find(p.Body))
                    {
                        var key = (term, ListeningSchema.Hour(p.At));
                        hours[key] = hours.GetValueOrDefault(key) + 1;
                        mentions.Add((term, p.PostId, TopicsSetup.TopicIdOf(e.StreamId), p.At));
                    }

                    break;
            }
        }

        if (newTerms is not null)
        {
            await context.ExecuteAsync("DELETE FROM listening_terms", ct);
            for (var i = 0; i < newTerms.Count; i++)
            {
                await context.WriteAsync("INSERT INTO listening_terms (term, position) VALUES (@t, @p)", ct, ("t", newTerms[i]), ("p", i));
            }
        }

        foreach (var ((term, hour), count) in hours)
        {
            await context.WriteAsync(
                "INSERT INTO listening_hours (term, hour, mentions) VALUES (@t, @h, @n) ON CONFLICT (term, hour) DO UPDATE SET mentions = listening_hours.mentions + excluded.mentions",
                ct, ("t", term), ("h", hour), ("n", count));
        }

        foreach (var (term, post, topic, at) in mentions.GroupBy(m => m.Term, StringComparer.Ordinal).SelectMany(g => g.TakeLast(KeptMentionsPerBatch)))
        {
            await context.WriteAsync(
                "INSERT INTO listening_mentions (term, post_id, topic_id, at) VALUES (@t, @p, @x, @at) ON CONFLICT (term, post_id) DO NOTHING",
                ct, ("t", term), ("p", Sql.Id(engine, post)), ("x", Sql.Id(engine, topic)), ("at", Sql.Time(engine, at)));
        }

        await context.FlushAsync(ct);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM listening_terms", ct);
        await context.ExecuteAsync("DELETE FROM listening_hours", ct);
        await context.ExecuteAsync("DELETE FROM listening_mentions", ct);
    }

    private static async Task<IReadOnlyList<string>> TermsAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.FlushAsync(ct);
        var terms = new List<string>();
        await using var reader = await context.Command("SELECT term FROM listening_terms ORDER BY position").ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            terms.Add(reader.GetString(0));
        }

        return terms;
    }
}
