using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace BrandForum.Benchmarks;

/// <summary>
/// Runs BenchmarkDotNet classes with its in-process toolchain: the default one generates and restores a project of
/// its own, which this offline machine cannot be trusted to do, and in-process is enough for code that does no I/O.
/// </summary>
public static class InProcessBenchmarks
{
    public static Summary Run<T>() => BenchmarkRunner.Run<T>(DefaultConfig.Instance
        .AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance))
        .WithArtifactsPath(Path.Combine(Path.GetTempPath(), "brandforum-benchmarkdotnet"))
        .WithOptions(ConfigOptions.DisableLogFile));
}
