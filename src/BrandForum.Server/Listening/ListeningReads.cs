using System.Globalization;
using BrandForum.Domain.Listening;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using BrandForum.Server.Live;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Listening;

public sealed record Mention(Guid PostId, Guid TopicId, string Title, string? Author, string Excerpt, DateTimeOffset At);

public sealed record TermMentions(string Term, long Total, IReadOnlyList<SeriesPoint> Points, IReadOnlyList<Mention> Latest);

/// <summary>Reads of the listening projection: the watchlist, each term's mentions over time and its latest posts.</summary>
public sealed class ListeningReads(SqlEventStore store)
{
    public const int LatestPosts = 10;

    /// <summary>Hourly series cover at most this many days (a point per hour).</summary>
    public const int MaxHourlyDays = 31;

    private const int ExcerptLength = 200;

    public async Task<IReadOnlyList<string>> WatchlistAsync(CancellationToken ct) =>
        await store.QueryAsync("SELECT term FROM listening_terms ORDER BY position", r => r.GetString(0), ct);

    public async Task<IReadOnlyList<TermMentions>> MentionsAsync(IReadOnlyList<string> terms, AnalyticsPeriod period, bool hourly, CancellationToken ct)
    {
        var from = period.From.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var slots = hourly
            ? Enumerable.Range(0, period.Days * 24).Select(h => ListeningSchema.Hour(from.AddHours(h))).ToList()
            : [.. period.EachDay().Select(AnalyticsSchema.Day)];
        var result = new List<TermMentions>();
        foreach (var term in terms)
        {
            var counts = await store.QueryAsync(
                "SELECT hour, mentions FROM listening_hours WHERE term = @t AND hour >= @from AND hour < @to",
                r => (Hour: r.GetString(0), Count: Convert.ToInt64(r.GetValue(1), CultureInfo.InvariantCulture)), ct,
                ("t", term), ("from", ListeningSchema.Hour(from)), ("to", ListeningSchema.Hour(from.AddDays(period.Days))));
            var bySlot = counts.GroupBy(c => hourly ? c.Hour : c.Hour[..10], StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Sum(c => c.Count), StringComparer.Ordinal);
            var points = slots.Select(s => new SeriesPoint(hourly ? s + ":00Z" : s, bySlot.GetValueOrDefault(s))).ToList();
            result.Add(new TermMentions(term, bySlot.Values.Sum(), points, await LatestAsync(term, ct)));
        }

        return result;
    }

    private async Task<IReadOnlyList<Mention>> LatestAsync(string term, CancellationToken ct) => await store.QueryAsync(
        "SELECT m.post_id, m.topic_id, t.title, c.user_name, p.markdown, m.at FROM listening_mentions m " +
        "JOIN posts p ON p.post_id = m.post_id JOIN topics t ON t.topic_id = m.topic_id LEFT JOIN member_cards c ON c.member_id = p.author_id " +
        $"WHERE m.term = @t AND p.deleted = @no AND p.hidden = @no ORDER BY m.at DESC LIMIT {LatestPosts}",
        r => new Mention(
            AnalyticsProjection.ReadId(r.GetValue(0)), AnalyticsProjection.ReadId(r.GetValue(1)), r.GetString(2), Sql.ReadOptionalString(r, 3),
            Excerpt(r.GetString(4)), Sql.ReadTime(r, 5)),
        ct,
        ("t", term), ("no", store.Engine == StorageEngine.Postgres ? false : 0));

    /// <summary>Each term's mentions per hour over the last <paramref name="hours"/> hours up to <paramref name="until"/> (exclusive).</summary>
    public async Task<IReadOnlyList<(string Term, string Hour, int Count)>> HourlyAsync(DateTimeOffset since, CancellationToken ct) => await store.QueryAsync(
        "SELECT h.term, h.hour, h.mentions FROM listening_hours h JOIN listening_terms w ON w.term = h.term WHERE h.hour >= @since",
        r => (r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), CultureInfo.InvariantCulture)), ct, ("since", ListeningSchema.Hour(since)));

    /// <summary>The `moderation` channel's item for a spike: staff only.</summary>
    public static LiveItem SpikeItem(long position, MentionSpikeDetected spike) => new(
        position, LiveChannels.Moderation, "listening-spike",
        new { term = spike.Term, hour = spike.Hour, count = spike.Count, trailingAverage = spike.TrailingAverage, at = spike.At },
        new Audience([], StaffOnly: true));

    private static string Excerpt(string markdown) =>
        markdown.Length <= ExcerptLength ? markdown : string.Concat(markdown.AsSpan(0, ExcerptLength), "…");
}
