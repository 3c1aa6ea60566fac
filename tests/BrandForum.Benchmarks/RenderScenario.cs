using System.Text;

namespace BrandForum.Benchmarks;

/// <summary>Runs <see cref="RenderBenchmarks"/> in process (<see cref="InProcessBenchmarks"/>) and compares with Markdig alone.</summary>
public static class RenderScenario
{
    public static IReadOnlyList<string> Run()
    {
        Console.WriteLine($"  input: {Encoding.UTF8.GetByteCount(RenderBenchmarks.Post):N0} bytes of Markdown");
        var summary = InProcessBenchmarks.Run<RenderBenchmarks>();
        var means = summary.Reports.ToDictionary(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name, r => r.ResultStatistics?.Mean / 1000 ?? double.NaN);
        foreach (var report in summary.Reports)
        {
            var statistics = report.ResultStatistics;
            Console.WriteLine($"  {report.BenchmarkCase.Descriptor.WorkloadMethodDisplayInfo,-34} mean {statistics?.Mean / 1000,7:F1} µs  p95 {statistics?.Percentiles.P95 / 1000,7:F1} µs");
        }

        var markdig = means[nameof(RenderBenchmarks.MarkdigAlone)];
        var render = means[nameof(RenderBenchmarks.Render)];
        return [$"INFO  render + sanitize of a 2 kB post: {render:F1} µs = {render / markdig:F1}× Markdig alone ({markdig:F1} µs); sanitizer and mentions cost {render - markdig:F1} µs"];
    }
}
