using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Localization;
using BrandForum.Server.Storage;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Analytics;

/// <summary>
/// The week's report for the CMs: one self-contained HTML page (inline CSS and SVG, no external reference, no
/// script), so it reads the same downloaded, attached or in a mail client. A week runs Monday to Sunday, UTC.
/// Written in the reader's language with the pages' catalogue (<c>Texts.fr.resx</c>; <c>FrenchCatalogueTests</c>
/// checks this file's texts like the pages'), so a French-speaking CM gets it in French; dates stay ISO (yyyy-MM-dd),
/// which read the same in both languages.
/// </summary>
public sealed class WeeklyReport(AnalyticsReads reads, SqlEventStore store, IStringLocalizer<Texts> T)
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

    /// <summary>A supported language as given, else English (a member who follows their browser has no language an email could follow).</summary>
    public static CultureInfo CultureOf(string? language) =>
        CultureInfo.GetCultureInfo(language is { } l && Languages.IsSupported(l) ? l : Languages.English);

    /// <summary>The title, also the email's subject.</summary>
    public string Title(DateOnly monday, CultureInfo culture)
    {
        using var _ = new InCulture(culture);
        return T["Community report, week of {0}", AnalyticsSchema.Day(monday)];
    }

    public async Task<string> RenderAsync(DateOnly monday, CultureInfo culture, CancellationToken ct)
    {
        // The localizer and the number formats follow the current culture; it flows into the awaits and is put back after.
        using var _ = new InCulture(culture);
        var period = new AnalyticsPeriod(monday, monday.AddDays(6), null);
        var kpis = await reads.KpisAsync(period, ct);
        var topics = await TopTopicsAsync(period, ct);
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{culture.TwoLetterISOLanguageName}\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(T["Community report, week of {0}", period.FromDay]))
            .Append("</title><style>")
            .Append("body{font-family:system-ui,sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d2330;background:#fff}")
            .Append("h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:2rem}table{border-collapse:collapse;width:100%}")
            .Append("td,th{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #dde}td.n{text-align:right}.formula{color:#555;font-size:.85rem}")
            .Append(".chart{width:100%;height:auto;color:#2f5bd3}")
            .Append("</style></head><body>");
        html.Append(CultureInfo.InvariantCulture, $"<h1>{Encode(T["Community report: {0} to {1}", period.FromDay, period.ToDay])}</h1>");

        html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(T["Highlights"])}</h2><table>");
        Row(T["New members"], kpis.NewMembers, "new-members");
        Row(T["Members active (average day)"], kpis.Dau, "dau");
        Row(T["Members active in the last 30 days"], kpis.Mau, "mau");
        Row(T["Topics"], kpis.Topics, "topics");
        Row(T["Posts"], kpis.Posts, "posts");
        Row(T["Median time to first response (hours)"], kpis.TimeToFirstResponse.Median, "first-response");
        Row(T["Response rate"], kpis.ResponseRate, "response-rate");
        Row(T["Unanswered topics"], kpis.UnansweredTopics, "unanswered");
        Row(T["Posts held / flagged"], $"{kpis.Moderation.Held} / {kpis.Moderation.Flagged}", "moderation");
        Row(T["Mean time to decision (hours)"], kpis.Moderation.TimeToDecision, "moderation");
        html.Append("</table>");

        foreach (var (metric, title) in new[] { ("active-members", T["Active members per day"]), ("posts", T["Posts per day"]), ("new-members", T["New members per day"]) })
        {
            var series = await reads.SeriesAsync(metric, "day", period, ct);
            html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(title)}</h2>").Append(SvgChart.Bars(series, title));
        }

        html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(T["Top topics"])}</h2>");
        List(topics.Select(t => T["{0} — {1} replies, {2} reactions", t.Title, t.Replies, t.Reactions].Value));
        html.Append(CultureInfo.InvariantCulture, $"<h2>{Encode(T["Top contributors"])}</h2>");
        List(kpis.TopContributors.Select(c => T["{0} — {1} posts", c.UserName ?? T["former member"].Value, c.Posts].Value));
        html.Append("</body></html>");
        return html.ToString();

        void Row(string label, object? value, string formula) => html.Append(CultureInfo.InvariantCulture,
            $"<tr><th scope=\"row\">{Encode(label)}<div class=\"formula\">{Encode(T[KpiFormulas.All[formula]])}</div></th><td class=\"n\">{Encode(Format(value))}</td></tr>");

        void List(IEnumerable<string> items)
        {
            var all = items.ToList();
            html.Append(all.Count == 0 ? $"<p>{Encode(T["None this week."])}</p>" : "<ol>" + string.Concat(all.Select(i => $"<li>{Encode(i)}</li>")) + "</ol>");
        }
    }

    private sealed record TopTopic(string Title, int Replies, int Reactions);

    private async Task<IReadOnlyList<TopTopic>> TopTopicsAsync(AnalyticsPeriod period, CancellationToken ct) => await store.QueryAsync(
        "SELECT t.title, a.replies, a.reactions FROM analytics_topics a JOIN topics t ON t.topic_id = a.topic_id " +
        $"WHERE a.day >= @from AND a.day <= @to ORDER BY a.replies + a.reactions DESC, t.title LIMIT {TopTopics}",
        r => new TopTopic(r.GetString(0), r.GetInt32(1), r.GetInt32(2)), ct, ("from", period.FromDay), ("to", period.ToDay));

    /// <summary>Figures in the reader's culture (0,5 in French).</summary>
    private static string Format(object? value) => value switch
    {
        null => "–",
        double d => d.ToString("0.##", CultureInfo.CurrentCulture),
        IFormattable f => f.ToString(null, CultureInfo.CurrentCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Sets the current (UI) culture until disposed: what the localizer and the formats read.</summary>
    private readonly struct InCulture : IDisposable
    {
        private readonly CultureInfo _culture;
        private readonly CultureInfo _uiCulture;

        public InCulture(CultureInfo culture)
        {
            (_culture, _uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = culture;
        }

        public void Dispose() => (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (_culture, _uiCulture);
    }

    /// <summary>Letters outside ASCII as themselves (a French report would otherwise be mostly entities in its source).</summary>
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static string Encode(string text) => Html.Encode(text);
}
