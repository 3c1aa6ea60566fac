using BrandForum.Server.Analytics;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>The CMs' dashboard: the KPIs of a period with their formulas, one server-rendered chart per series, CSV links.</summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class AnalyticsModel(AnalyticsReads reads, TimeProvider time) : PageModel
{
    public const string Address = "/moderation/analytics";

    /// <summary>The charts, in the order shown: metric, formula key, whether bars suit it (counts) or a line (levels).</summary>
    public static IReadOnlyList<(string Metric, string Title, string Formula, bool Bars)> Charts { get; } =
    [
        ("active-members", "Active members", "active-members", false),
        ("new-members", "New members", "new-members", true),
        ("topics", "Topics", "topics", true),
        ("posts", "Posts", "posts", true),
        ("reactions", "Reactions", "reactions", true),
        ("first-response-hours", "First response (hours)", "first-response-hours", false),
        ("held", "Posts held", "held", true),
        ("flagged", "Posts flagged", "flagged", true),
    ];

    public AnalyticsPeriod? Period { get; private set; }

    public string Interval { get; private set; } = "day";

    public string? Error { get; private set; }

    public Kpis? Kpis { get; private set; }

    public IReadOnlyList<(string Metric, string Title, string Formula, string Svg)> Rendered { get; private set; } = [];

    public IReadOnlyList<string> Categories { get; private set; } = [];

    [BindProperty(SupportsGet = true)]
    public string? From { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? To { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Category { get; set; }

    public async Task<IActionResult> OnGetAsync(string? interval, CancellationToken ct)
    {
        Categories = await reads.CategoriesAsync(ct);
        Interval = interval == "week" ? "week" : "day";
        var (period, refusal) = AnalyticsPeriod.Parse(From, To, Category, time.GetUtcNow());
        if (refusal is not null || (period?.Category is { } slug && !Categories.Contains(slug)))
        {
            Error = refusal?.Message ?? "There is no such category.";
            Response.StatusCode = refusal is null ? StatusCodes.Status404NotFound : StatusCodes.Status400BadRequest;
            return Page();
        }

        Period = period!;
        (From, To) = (Period.FromDay, Period.ToDay);
        Kpis = await reads.KpisAsync(Period, ct);
        var rendered = new List<(string, string, string, string)>();
        foreach (var (metric, title, formula, bars) in Charts)
        {
            var series = await reads.SeriesAsync(metric, Interval, Period, ct);
            rendered.Add((metric, title, formula, bars ? SvgChart.Bars(series, title) : SvgChart.Line(series, title)));
        }

        Rendered = rendered;
        return Page();
    }

    /// <summary>The query of this view, for the CSV links and the report link.</summary>
    public string Query(bool withInterval = true) =>
        $"from={Period!.FromDay}&to={Period.ToDay}" + (Period.Category is { } c ? "&category=" + Uri.EscapeDataString(c) : "") + (withInterval ? $"&interval={Interval}" : "");
}
