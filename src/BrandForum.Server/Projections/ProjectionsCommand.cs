using System.Diagnostics;
using System.Globalization;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;

namespace BrandForum.Server.Projections;

/// <summary>
/// <c>projections list</c> and <c>projections rebuild [name]</c> from the command line. Rebuild empties a
/// projection's tables and replays the log from position 0. Run it with the server stopped when it rebuilds
/// an inline projection: appends made meanwhile would be applied twice.
/// </summary>
public static class ProjectionsCommand
{
    public static bool Matches(string[] args) => args is ["projections", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        var store = services.GetRequiredService<SqlEventStore>();
        var all = ProjectionsSetup.All(services);
        switch (args)
        {
            case ["projections", "list"]:
                foreach (var projection in all.Values.OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    var checkpoint = await new ProjectionRunner(store, projection).ReadCheckpointAsync(ct);
                    await output.WriteLineAsync($"{projection.Name}  checkpoint {checkpoint.ToString(CultureInfo.InvariantCulture)}");
                }

                return 0;

            case ["projections", "rebuild", .. var names] when names.Length <= 1:
                var chosen = names.Length == 0 ? all.Values.ToList() : all.TryGetValue(names[0], out var one) ? [one] : null;
                if (chosen is null)
                {
                    await output.WriteLineAsync($"No projection is named '{names[0]}'. Known: {string.Join(", ", all.Keys.Order(StringComparer.Ordinal))}.");
                    return 2;
                }

                try
                {
                    foreach (var projection in chosen)
                    {
                        await RebuildAsync(store, projection, output, ct);
                    }
                }
                catch (EventDecodingException e)
                {
                    // A rebuild must not skip what it cannot read: stop, and say where.
                    await output.WriteLineAsync($"Rebuild stopped: {e.Message}");
                    return 1;
                }

                return 0;

            default:
                await output.WriteLineAsync("Usage: projections list | projections rebuild [name]");
                return 2;
        }
    }

    private static async Task RebuildAsync(SqlEventStore store, IProjection projection, TextWriter output, CancellationToken ct)
    {
        var clock = Stopwatch.StartNew();
        var bar = new ProgressBar(output, projection.Name, interactive: !Console.IsOutputRedirected);
        var applied = await new ProjectionRunner(store, projection, ProjectionRunner.RebuildBatchSize).RebuildAsync(bar, ct);
        bar.Finish();
        var seconds = Math.Max(clock.Elapsed.TotalSeconds, 0.001);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"{projection.Name}: rebuilt from {applied:N0} events in {seconds:F1} s ({applied / seconds:N0} events/s)"));
    }

    /// <summary>A one-line bar redrawn in place on a terminal; a line per tenth when output is redirected.</summary>
    private sealed class ProgressBar(TextWriter output, string name, bool interactive) : IProgress<ProjectionProgress>
    {
        private const int Width = 30;
        private int _lastTenth = -1;

        public void Report(ProjectionProgress value)
        {
            var fraction = value.Head == 0 ? 1 : (double)value.Position / value.Head;
            var filled = (int)(fraction * Width);
            var line = string.Create(
                CultureInfo.InvariantCulture,
                $"{name} [{new string('#', filled)}{new string('.', Width - filled)}] {fraction * 100:F0}% {value.Position:N0}/{value.Head:N0}");
            if (interactive)
            {
                output.Write($"\r{line}");
            }
            else if ((int)(fraction * 10) > _lastTenth)
            {
                _lastTenth = (int)(fraction * 10);
                output.WriteLine(line);
            }
        }

        public void Finish()
        {
            if (interactive)
            {
                output.WriteLine();
            }
        }
    }
}
