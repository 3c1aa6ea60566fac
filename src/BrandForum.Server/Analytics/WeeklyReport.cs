using System.Globalization;
using System.Net;
using System.Text;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Analytics;

/// <summary>
/// The week's report for the CMs: one self-contained HTML page (inline CSS and SVG, no external reference, no
/// script), so it reads the same downloaded, attached or in a mail client. A week runs Monday to Sunday, UTC.
/// English only for now: it goes to every CM at once, whatever each one's language.
/// </summary>
public sealed class WeeklyReport(AnalyticsReads reads, SqlEventStore store)
{
    public const int TopTopics = 5;

    /// <summary>The Monday of the week that contains <paramref name="day"/> (yyyy-MM-dd), or of last week when none is given; null when unreadable.</summary>
    public static DateOnly? ParseWeek(string? day, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(day))
        {
            return Monday(DateOnly.FromDateTime(now.UtcDateTime)).AddDays(-7);
        }

        return DateOnly.TryParseExact(day.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Monday(d) : null;
    }

    public static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public async Task<string> RenderAsync(DateOnly monday, CancellationToken ct)
    {
        var period = new AnalyticsPeriod(monday, monday.AddDays(6), null);
        var kpis = await reads.KpisAsync(period, ct);
        var topics = await TopTopicsAsync(period, ct);
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode($"Community report, week of {period.FromDay}"))
            .Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330;background:#fff}")
            .Append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}")
            .Append("td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #dde}td.n{text-align:right}.formula{color:#555;font-size:.85rem}")
            .Append(".chart{width:100%;height:auto;color:#2f5bd3}")
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>Community report: {period.FromDay} to {period.ToDay}</h1>");

        html.Append("<h2>Highlights</h2><table>");
        Row("New members", kpis.NewMembers, "new-members");
        Row("Members active (average day)", kpis.Dau, "dau");
        Row("Members active in the last 30 days", kpis.Mau, "mau");
        Row("Topics", kpis.Topics, "topics");
        Row("Posts", kpis.Posts, "posts");
        Row("Median time to first response (hours)", kpis.TimeToFirstResponse.Median, "first-response");
        Row("Response rate", kpis.ResponseRate, "response-rate");
        Row("Unanswered topics", kpis.UnansweredTopics, "unanswered");
        Row("Posts held / flagged", $"{kpis.Moderation.Held} / {kpis.Moderation.Flagged}", "moderation");
        Row("Mean time to decision (hours)", kpis.Moderation.TimeToDecision, "moderation");
        html.Append("</table>");

        foreach (var (metric, title) in new[] { ("active-members", "Active members per day"), ("posts", "Posts per day"), ("new-members", "New members per day") })
        {
            var series = await reads.SeriesAsync(metric, "day", period, ct);
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(title)}</h2>").Append(SvgChart.Bars(series, title));
        }

        html.Append("<h2>Top topics</h2>");
        List(topics.Select(t => $"{t.Title} — {t.Replies} replies, {t.Reactions} reactions"));
        html.Append("<h2>Top contributors</h2>");
        List(kpis.TopContributors.Select(c => $"{c.UserName ?? "former member"} — {c.Posts} posts"));
        html.Append("</body></html>");
        return html.ToString();

        void Row(string label, object? value, string formula) => html.Append(CultureInfo.InvariantCulture,
            $"<tr><th scope=\"row\">{Encode(label)}<div class=\"formula\">{Encode(KpiFormulas.All[formula])}</div></th><td class=\"n\">{Encode(Format(value))}</td></tr>");

        void List(IEnumerable<string> items)
        {
            var all = items.ToList();
            html.Append(all.Count == 0 ? "<p>None this week.</p>" : "<ol>" + string.Concat(all.Select(i => $"<li>{Encode(i)}</li>")) + "</ol>");
        }
    }

    private sealed record TopTopic(string Title, int Replies, int Reactions);

    private async Task<IReadOnlyList<TopTopic>> TopTopicsAsync(AnalyticsPeriod period, CancellationToken ct) => await store.QueryAsync(
        "SELECT t.title, a.replies, a.reactions FROM analytics_topics a JOIN topics t ON t.topic_id = a.topic_id " +
        $"WHERE a.day >= @from AND a.day <= @to ORDER BY a.replies + a.reactions DESC, t.title LIMIT {TopTopics}",
        r => new TopTopic(r.GetString(0), r.GetInt32(1), r.GetInt32(2)), ct, ("from", period.FromDay), ("to", period.ToDay));

    private static string Format(object? value) => value switch
    {
        null => "–",
        double d => d.ToString("0.##", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
