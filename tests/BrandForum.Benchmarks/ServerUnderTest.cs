using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BrandForum.Benchmarks;

/// <summary>The real server as its own process (Release, `dotnet run`), on a free loopback port and its own SQLite file unless told otherwise.</summary>
public sealed class ServerUnderTest : IDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private ServerUnderTest(Process process, string folder, Uri address)
    {
        (_process, _folder, Address) = (process, folder, address);
    }

    public Uri Address { get; }

    public int ProcessId => _process.Id;

    /// <summary>The server's resident memory, from /proc (Linux).</summary>
    public long ResidentBytes()
    {
        var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    public static async Task<ServerUnderTest> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var folder = Directory.CreateTempSubdirectory("brandforum-bench-").FullName;
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "run", "-c", "Release", "--no-launch-profile", "--project", Path.Combine(RepositoryRoot(), "src", "BrandForum.Server") })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        info.Environment["ConnectionStrings__Forum"] = $"Data Source={Path.Combine(folder, "forum.db")}";
        info.Environment["Forum__RateLimits__Enabled"] = "false";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new ServerUnderTest(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        await server.WaitForHealthAsync();
        return server;
    }

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private async Task WaitForHealthAsync()
    {
        using var http = CreateClient();
        for (var i = 0; i < 600 && !_process.HasExited; i++)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return;
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
