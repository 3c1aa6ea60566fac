using System.Globalization;
using System.Net;
using System.Text;

namespace BrandForum.Server.Analytics;

/// <summary>
/// Server-rendered charts: a series as an inline SVG line or bar chart, with no script and no external reference, so
/// the same markup serves the dashboard (works without JS) and the self-contained weekly report. Colours come from
/// <c>currentColor</c>, so the page's theme (and its dark variant) applies. Each chart carries a title for screen
/// readers, and each point a tooltip with its date and value.
/// </summary>
public static class SvgChart
{
    private const int Width = 640;
    private const int Height = 200;
    private const int Left = 44;
    private const int Bottom = 24;
    private const int Top = 10;
    private static readonly int[] Steps = [1, 2, 5, 10];
    private static readonly double[] Ticks = [0, 0.5, 1];

    public static string Line(Series series, string title) => Render(series, title, bars: false);

    public static string Bars(Series series, string title) => Render(series, title, bars: true);

    private static string Render(Series series, string title, bool bars)
    {
        var points = series.Points;
        var max = Math.Max(1, points.Max(p => p.Value ?? 0));
        var scaleMax = NiceCeiling(max);
        var plotWidth = Width - Left - 8;
        var plotHeight = Height - Top - Bottom;
        var step = points.Count > 1 ? (double)plotWidth / (bars ? points.Count : points.Count - 1) : plotWidth;
        double X(int i) => Left + (bars ? (i + 0.5) * step : points.Count > 1 ? i * step : plotWidth / 2.0);
        double Y(double v) => Top + plotHeight - (v / scaleMax * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {Width} {Height}\" class=\"chart\" role=\"img\" aria-label=\"{Encode(title)}\" data-metric=\"{Encode(series.Metric)}\">");
        svg.Append(CultureInfo.InvariantCulture, $"<title>{Encode(title)}</title>");
        foreach (var tick in Ticks)
        {
            var y = Y(scaleMax * tick);
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" x2=\"{Width - 8}\" y1=\"{F(y)}\" y2=\"{F(y)}\" stroke=\"currentColor\" stroke-opacity=\"0.15\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{F(y + 4)}\" text-anchor=\"end\" font-size=\"11\" fill=\"currentColor\">{F(scaleMax * tick)}</text>");
        }

        if (points.Count > 0)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left}\" y=\"{Height - 6}\" font-size=\"11\" fill=\"currentColor\">{Encode(points[0].Date)}</text>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - 8}\" y=\"{Height - 6}\" text-anchor=\"end\" font-size=\"11\" fill=\"currentColor\">{Encode(points[^1].Date)}</text>");
        }

        if (bars)
        {
            var barWidth = Math.Max(1, step * 0.7);
            for (var i = 0; i < points.Count; i++)
            {
                var v = points[i].Value ?? 0;
                svg.Append(CultureInfo.InvariantCulture,
                    $"<rect x=\"{F(X(i) - (barWidth / 2))}\" y=\"{F(Y(v))}\" width=\"{F(barWidth)}\" height=\"{F(Top + plotHeight - Y(v))}\" fill=\"currentColor\" fill-opacity=\"0.7\"><title>{Encode(points[i].Date)}: {F(v)}</title></rect>");
            }
        }
        else
        {
            var path = string.Join(' ', points.Select((p, i) => p.Value is { } v ? $"{F(X(i))},{F(Y(v))}" : null).Where(p => p is not null));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline points=\"{path}\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"2\"/>");
            for (var i = 0; i < points.Count; i++)
            {
                if (points[i].Value is { } v)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{F(X(i))}\" cy=\"{F(Y(v))}\" r=\"2.5\" fill=\"currentColor\"><title>{Encode(points[i].Date)}: {F(v)}</title></circle>");
                }
            }
        }

        return svg.Append("</svg>").ToString();
    }

    /// <summary>A round top for the scale: 1, 2 or 5 times a power of ten.</summary>
    private static double NiceCeiling(double max)
    {
        var power = Math.Pow(10, Math.Floor(Math.Log10(max)));
        return Steps.Select(m => m * power).First(v => v >= max);
    }

    private static string F(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
