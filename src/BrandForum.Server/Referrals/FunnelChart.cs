using System.Globalization;
using System.Net;
using System.Text;
using BrandForum.Domain.Referrals;

namespace BrandForum.Server.Referrals;

/// <summary>
/// The funnel over time as an inline SVG line chart, drawn on the server so the page needs no script: one line per
/// stage (visited, registered, activated, retained) over weekly buckets, a legend and the weeks' dates.
/// </summary>
public static class FunnelChart
{
    private const int Width = 640;
    private const int Height = 240;
    private const int Left = 36;
    private const int Right = 12;
    private const int Top = 12;
    private const int Bottom = 48;

    public static readonly (string Series, string Color)[] Series =
        [("visited", "#94a3b8"), ("registered", "#2563eb"), ("activated", "#16a34a"), ("retained", "#d97706")];

    /// <param name="labels">The stages' names as shown, in <see cref="Series"/> order (localized by the page).</param>
    public static string Svg(IReadOnlyList<FunnelWeek> weeks, IReadOnlyList<string> labels, string title)
    {
        var max = Math.Max(1, weeks.Max(w => Math.Max(Math.Max(w.Visited, w.Registered), Math.Max(w.Activated, w.Retained))));
        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(int i) => Left + (weeks.Count == 1 ? plotWidth / 2.0 : i * plotWidth / (double)(weeks.Count - 1));
        double Y(int value) => Top + plotHeight - (value * plotHeight / (double)max);
        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg class=\"funnel-chart\" data-funnel-chart viewBox=\"0 0 {Width} {Height}\" role=\"img\" aria-labelledby=\"funnel-chart-title\" xmlns=\"http://www.w3.org/2000/svg\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title id=\"funnel-chart-title\">{Encode(title)}</title>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Width - Right}\" y2=\"{Top + plotHeight}\" stroke=\"currentColor\" stroke-opacity=\".3\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + 4}\" text-anchor=\"end\" font-size=\"11\" fill=\"currentColor\">{max}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Top + plotHeight}\" text-anchor=\"end\" font-size=\"11\" fill=\"currentColor\">0</text>");
        for (var i = 0; i < weeks.Count; i += Math.Max(1, weeks.Count / 6))
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(i):0.#}\" y=\"{Top + plotHeight + 16}\" text-anchor=\"middle\" font-size=\"11\" fill=\"currentColor\">{weeks[i].Start.ToString("dd/MM", CultureInfo.InvariantCulture)}</text>");
        }

        for (var s = 0; s < Series.Length; s++)
        {
            var (name, color) = Series[s];
            var points = string.Join(' ', weeks.Select((w, i) => string.Create(CultureInfo.InvariantCulture, $"{X(i):0.#},{Y(Value(w, s)):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline data-series=\"{name}\" data-values=\"{string.Join(',', weeks.Select(w => Value(w, s)))}\" points=\"{points}\" fill=\"none\" stroke=\"{color}\" stroke-width=\"2\"/>");
            var legendX = Left + (s * plotWidth / Series.Length);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{legendX}\" y=\"{Height - 14}\" width=\"10\" height=\"10\" fill=\"{color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{legendX + 14}\" y=\"{Height - 5}\" font-size=\"11\" fill=\"currentColor\">{Encode(labels[s])}</text>");
        }

        return svg.Append("</svg>").ToString();
    }

    private static int Value(FunnelWeek week, int series) => series switch
    {
        0 => week.Visited,
        1 => week.Registered,
        2 => week.Activated,
        3 => week.Retained,
        _ => throw new ArgumentOutOfRangeException(nameof(series), series, null),
    };

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
