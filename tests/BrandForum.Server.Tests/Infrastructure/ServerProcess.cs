using System.Diagnostics;

namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>Runs the built server as its own process, as `dotnet run` would, to see what an operator sees.</summary>
public static class ServerProcess
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        using var process = Process.Start(StartInfo(environment, "http://127.0.0.1:0", args))!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var error = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    /// <summary>Starts a node on a free loopback port and waits until /health answers; dispose (or kill) to stop it.</summary>
    public static async Task<RunningNode> StartAsync(IReadOnlyDictionary<string, string> environment)
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        var port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        var address = new Uri($"http://127.0.0.1:{port}");
        var process = Process.Start(StartInfo(environment, address.ToString(), []))!;
        _ = process.StandardOutput.ReadToEndAsync();
        _ = process.StandardError.ReadToEndAsync();
        var node = new RunningNode(process, address);
        using var http = new HttpClient { BaseAddress = address };
        // 60 s: on a loaded machine (the whole suite, several nodes starting at once) a cold start can take more than 30.
        for (var attempt = 0; attempt < 240; attempt++)
        {
            try
            {
                if ((await http.GetAsync(new Uri("/health", UriKind.Relative))).IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
            }

            Assert.False(process.HasExited, $"The node exited with {(process.HasExited ? process.ExitCode : 0)}.");
            await Task.Delay(250);
        }

        node.Dispose();
        throw new TimeoutException($"The node on {address} did not answer /health within 60 s.");
    }

    private static ProcessStartInfo StartInfo(IReadOnlyDictionary<string, string> environment, string urls, string[] args)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(typeof(Program).Assembly.Location)!,
        };
        info.ArgumentList.Add(typeof(Program).Assembly.Location);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["ASPNETCORE_URLS"] = urls;
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        return info;
    }
}

/// <summary>A server process serving <see cref="Address"/>; <see cref="Kill"/> ends it the hard way, as a crashed node.</summary>
public sealed class RunningNode(Process process, Uri address) : IDisposable
{
    public Uri Address { get; } = address;

    public HttpClient CreateClient() => new() { BaseAddress = Address };

    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}
