namespace BrandForum.Server.Analytics;

/// <summary>
/// <c>Forum:Analytics</c>: how fast topics should get an answer (hours; per category under <c>ResponseTargets</c>,
/// else <c>ResponseTargetHours</c>), and the weekly report (on by default; the day and hour it goes out, UTC).
/// Targets are applied when reading, never stored: changing one needs no rebuild.
/// </summary>
public sealed class AnalyticsOptions
{
    public double ResponseTargetHours { get; set; } = 24;

    public Dictionary<string, double> ResponseTargets { get; set; } = new(StringComparer.Ordinal);

    public bool WeeklyReport { get; set; } = true;

    public DayOfWeek ReportDay { get; set; } = DayOfWeek.Monday;

    public int ReportHour { get; set; } = 7;

    /// <summary>How often the report sender looks whether this week's report is due, in seconds.</summary>
    public double ReportCheckSeconds { get; set; } = 300;

    public double TargetFor(string category) => ResponseTargets.TryGetValue(category, out var hours) ? hours : ResponseTargetHours;
}
