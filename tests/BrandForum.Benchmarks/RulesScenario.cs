namespace BrandForum.Benchmarks;

/// <summary>Runs <see cref="RulesBenchmarks"/> in process (<see cref="InProcessBenchmarks"/>) and checks the median goal.</summary>
public static class RulesScenario
{
    public static IReadOnlyList<string> Run()
    {
        var summary = InProcessBenchmarks.Run<RulesBenchmarks>();
        var medians = summary.Reports.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics?.Median / 1000 ?? double.NaN);
        foreach (var report in summary.Reports)
        {
            Console.WriteLine($"  {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-30} median {report.ResultStatistics?.Median / 1000,7:F1} µs  p95 {report.ResultStatistics?.Percentiles.P95 / 1000,7:F1} µs");
        }

        var large = medians[nameof(RulesBenchmarks.LargeRulebook)];
        var met = large < 100;
        return [$"{(met ? "MET " : "MISSED")} default rulebook + 200 rules on a 2 kB post, median < 100 µs: {large:F1} µs (reading the post alone: {medians[nameof(RulesBenchmarks.Tokens)]:F1} µs)"];
    }
}
