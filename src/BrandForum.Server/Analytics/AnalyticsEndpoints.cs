using System.Security.Claims;
using BrandForum.Domain.Members;
using BrandForum.Server.Http;
using BrandForum.Server.Members;

namespace BrandForum.Server.Analytics;

/// <summary>The KPIs, series and their CSV downloads, the weekly report, and the needs-a-response queue (staff).</summary>
public static class AnalyticsEndpoints
{
    private const string CsvSuffix = ".csv";

    public static IEndpointRouteBuilder MapAnalytics(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").RequireAuthorization(MemberEndpoints.StaffPolicy);
        staff.MapGet("/analytics/kpis", (HttpRequest request, AnalyticsReads reads, TimeProvider time, CancellationToken ct) => KpisAsync(request, reads, time, csv: false, ct));
        staff.MapGet("/analytics/kpis.csv", (HttpRequest request, AnalyticsReads reads, TimeProvider time, CancellationToken ct) => KpisAsync(request, reads, time, csv: true, ct));
        staff.MapGet("/analytics/report", ReportAsync);
        staff.MapGet("/analytics/{metric}", async (string metric, string? interval, HttpRequest request, AnalyticsReads reads, TimeProvider time, CancellationToken ct) =>
        {
            var csv = metric.EndsWith(CsvSuffix, StringComparison.Ordinal);
            metric = csv ? metric[..^CsvSuffix.Length] : metric;
            if (!AnalyticsReads.SeriesMetrics.Contains(metric))
            {
                return Problems.Problem(StatusCodes.Status404NotFound, $"Metrics are kpis, {string.Join(", ", AnalyticsReads.SeriesMetrics)}.", "metric-not-found");
            }

            interval ??= "day";
            if (!AnalyticsReads.Intervals.Contains(interval))
            {
                return Problems.Invalid("interval", "An interval is day or week.");
            }

            var (period, problem) = await PeriodAsync(request, reads, time, ct);
            if (period is null)
            {
                return problem!;
            }

            var series = await reads.SeriesAsync(metric, interval, period, ct);
            return csv ? Csv(AnalyticsCsv.Of(series), $"{metric}-{period.FromDay}-{period.ToDay}.csv") : Results.Ok(series);
        });
        staff.MapGet("/moderation/needs-response", async (string? category, NeedsResponse queue, CancellationToken ct) =>
            Results.Ok(await queue.ListAsync(string.IsNullOrWhiteSpace(category) ? null : category, ct)));
        return app;
    }

    private static async Task<IResult> KpisAsync(HttpRequest request, AnalyticsReads reads, TimeProvider time, bool csv, CancellationToken ct)
    {
        var (period, problem) = await PeriodAsync(request, reads, time, ct);
        if (period is null)
        {
            return problem!;
        }

        var kpis = await reads.KpisAsync(period, ct);
        return csv ? Csv(AnalyticsCsv.Of(kpis), $"kpis-{period.FromDay}-{period.ToDay}.csv") : Results.Ok(kpis);
    }

    /// <summary>The period and category of a request, or the problem with them.</summary>
    public static async Task<(AnalyticsPeriod? Period, IResult? Problem)> PeriodAsync(HttpRequest request, AnalyticsReads reads, TimeProvider time, CancellationToken ct)
    {
        var query = request.Query;
        var (period, refusal) = AnalyticsPeriod.Parse(query["from"], query["to"], query["category"], time.GetUtcNow());
        if (refusal is not null)
        {
            return (null, Problems.From(refusal));
        }

        if (period!.Category is { } category && !await reads.CategoryExistsAsync(category, ct))
        {
            return (null, Problems.Problem(StatusCodes.Status404NotFound, "There is no such category.", "category-not-found"));
        }

        return (period, null);
    }

    /// <summary>
    /// The weekly report in <paramref name="language"/> (en, fr), else in the caller's saved language, else English:
    /// the API itself answers in English, but the report is a document for people.
    /// </summary>
    private static async Task<IResult> ReportAsync(
        string? week, string? language, ClaimsPrincipal user, WeeklyReport report, MemberCards cards, TimeProvider time, CancellationToken ct)
    {
        if (WeeklyReport.ParseWeek(week, time.GetUtcNow()) is not { } monday)
        {
            return Problems.Invalid("week", "A week is given by any of its days, yyyy-MM-dd.");
        }

        if (language is not null && !Languages.IsSupported(language))
        {
            return Problems.Invalid("language", $"A language is one of {string.Join(", ", Languages.Supported)}.");
        }

        language ??= MemberPrincipal.MemberId(user) is { } memberId ? await cards.LanguageAsync(memberId, ct) : null;
        return Results.Content(await report.RenderAsync(monday, WeeklyReport.CultureOf(language), ct), "text/html; charset=utf-8");
    }

    private static IResult Csv(string content, string fileName) =>
        Results.File(System.Text.Encoding.UTF8.GetBytes(content), "text/csv; charset=utf-8", fileName);
}
