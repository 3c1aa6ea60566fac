using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BrandForum.Benchmarks;

/// <summary>
/// The real server as its own process (Release, Kestrel on 127.0.0.1, rate limits off), as an operator runs it,
/// so the load generator in this process measures what a client would see. Also runs its CLI commands (seed).
/// </summary>
public sealed class BenchServer : IAsyncDisposable
{
    private readonly Process _process;

    private BenchServer(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>
    /// The server's resident memory, from /proc (Linux): `dotnet run` starts the server as its child, so this is the
    /// largest resident set among the process and its children — the server's.
    /// </summary>
    public long ResidentBytes()
    {
        var tree = new HashSet<int> { _process.Id };
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")).Where(File.Exists))
        {
            try
            {
                var fields = File.ReadAllText(stat);
                var parent = int.Parse(fields[(fields.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
                if (parent == _process.Id)
                {
                    tree.Add(int.Parse(Path.GetFileName(Path.GetDirectoryName(stat))!, System.Globalization.CultureInfo.InvariantCulture));
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return tree.Max(pid => File.Exists($"/proc/{pid}/status") ? Resident(pid) : 0);
    }

    /// <summary>
    /// CPU time used so far by the process and its children that are still running (the server under `dotnet run`),
    /// from /proc (Linux): taken before and after a run, it says what the server spent per request whatever else the
    /// machine was running.
    /// </summary>
    public TimeSpan CpuTime() => CpuTimeOf((pid, parent, _) => pid == _process.Id || parent == _process.Id);

    /// <summary>CPU time used so far by PostgreSQL's processes (the benchmark's own cluster: nothing else runs one here).</summary>
    public static TimeSpan DatabaseCpuTime() => CpuTimeOf((_, _, name) => name == "postgres");

    /// <summary>utime + stime (clock ticks of 10 ms) of the running processes <paramref name="include"/> picks by pid, parent pid and name.</summary>
    private static TimeSpan CpuTimeOf(Func<int, int, string, bool> include)
    {
        var ticks = 0L;
        foreach (var stat in Directory.EnumerateDirectories("/proc").Select(d => Path.Combine(d, "stat")).Where(File.Exists))
        {
            try
            {
                if (!int.TryParse(Path.GetFileName(Path.GetDirectoryName(stat)), System.Globalization.CultureInfo.InvariantCulture, out var pid))
                {
                    continue; // /proc/self, /proc/thread-self
                }

                var text = File.ReadAllText(stat);
                var name = text[(text.IndexOf('(') + 1)..text.LastIndexOf(')')];
                var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
                if (include(pid, int.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), name))
                {
                    ticks += long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
                // The process ended while we looked.
            }
        }

        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    private static long Resident(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    /// <summary>The environment that points the server at a database: SQLite by default, or Forum__Storage=Postgres.</summary>
    public static Dictionary<string, string> Environment(string connectionString, bool postgres) => new()
    {
        ["Forum__Storage"] = postgres ? "Postgres" : "Sqlite",
        ["ConnectionStrings__Forum"] = connectionString,
        ["Forum__RateLimits__Enabled"] = "false",
        ["Logging__LogLevel__Default"] = "Warning",
    };

    public static async Task<BenchServer> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        var port = FreePort();
        var server = new BenchServer(Start(environment, port, []), port);
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        for (var i = 0; i < 600 && !server._process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
                // Still building or starting.
            }

            await Task.Delay(200);
        }

        throw new InvalidOperationException("The server did not start.");
    }

    /// <summary>Runs a server command (e.g. <c>seed --demo</c>) to its end; its output goes to this console, indented.</summary>
    public static async Task RunCommandAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Start(environment, FreePort(), args, line => Console.WriteLine($"    {line}"));
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"'{string.Join(' ', args)}' exited with {process.ExitCode}.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }

    private static Process Start(IReadOnlyDictionary<string, string> environment, int port, string[] args, Action<string>? output = null)
    {
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["run", "-c", "Release", "--no-launch-profile", "--project", Path.Combine(RepositoryRoot(), "src", "BrandForum.Server"), "--", .. args])
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is { } line) { output?.Invoke(line); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is { } line) { output?.Invoke(line); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BrandForum.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("BrandForum.sln not found above the benchmark.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
