using System.Globalization;
using System.Text;

namespace BrandForum.Server.Analytics;

/// <summary>The CSV downloads: the KPIs as metric,value rows, a series as date,value rows (RFC 4180, invariant numbers).</summary>
public static class AnalyticsCsv
{
    public static string Of(Kpis k)
    {
        var rows = new List<(string, object?)>
        {
            ("from", k.From), ("to", k.To), ("category", k.Category),
            ("members", k.Members), ("newMembers", k.NewMembers), ("dau", k.Dau), ("wau", k.Wau), ("mau", k.Mau), ("dauMauRatio", k.DauMauRatio),
            ("topics", k.Topics), ("posts", k.Posts), ("replies", k.Replies), ("reactions", k.Reactions),
            ("timeToFirstResponse.mean", k.TimeToFirstResponse.Mean), ("timeToFirstResponse.median", k.TimeToFirstResponse.Median),
            ("timeToFirstResponse.p90", k.TimeToFirstResponse.P90), ("timeToFirstResponse.answered", k.TimeToFirstResponse.Answered),
            ("timeToFirstResponse.withoutStaff.mean", k.TimeToFirstResponse.WithoutStaff.Mean),
            ("timeToFirstResponse.withoutStaff.median", k.TimeToFirstResponse.WithoutStaff.Median),
            ("timeToFirstResponse.withoutStaff.p90", k.TimeToFirstResponse.WithoutStaff.P90),
            ("responseTargetHours", k.ResponseTargetHours), ("responseRate", k.ResponseRate), ("solvedRate", k.SolvedRate), ("unansweredTopics", k.UnansweredTopics),
            ("engagement.repliesPerTopic", k.Engagement.RepliesPerTopic), ("engagement.reactionsPerTopic", k.Engagement.ReactionsPerTopic),
            ("referralFunnel.invited", k.ReferralFunnel.Invited), ("referralFunnel.registered", k.ReferralFunnel.Registered),
            ("referralFunnel.activated", k.ReferralFunnel.Activated), ("referralFunnel.retained", k.ReferralFunnel.Retained),
            ("moderation.held", k.Moderation.Held), ("moderation.flagged", k.Moderation.Flagged), ("moderation.decisions", k.Moderation.Decisions),
            ("moderation.timeToDecision", k.Moderation.TimeToDecision),
        };
        rows.AddRange(k.TopContributors.Select((c, i) => ($"topContributors.{i + 1}", (object?)$"{c.UserName} ({c.Posts})")));
        return Table(["metric", "value"], rows.Select(r => new[] { r.Item1, Text(r.Item2) }));
    }

    public static string Of(Series s) => Table(["date", s.Metric], s.Points.Select(p => new[] { p.Date, Text(p.Value) }));

    private static string Table(string[] header, IEnumerable<string[]> rows)
    {
        var csv = new StringBuilder();
        csv.Append(string.Join(',', header.Select(Cell))).Append("\r\n");
        foreach (var row in rows)
        {
            csv.Append(string.Join(',', row.Select(Cell))).Append("\r\n");
        }

        return csv.ToString();
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        double d => d.ToString("0.####", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Quotes a cell when it must, and defuses cells a spreadsheet would run as a formula.</summary>
    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '@' or '\t' or '\r' || (value.Length > 1 && value[0] == '-' && !char.IsDigit(value[1])))
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
