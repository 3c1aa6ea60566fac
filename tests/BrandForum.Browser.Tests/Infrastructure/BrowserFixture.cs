using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Infrastructure;

/// <summary>
/// The real server as its own process on a free loopback port (SQLite in a temp folder) and Debian's
/// Chromium driven by Playwright — never a browser Playwright downloads.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    /// <summary>The forum's first admin, created by the server on start (bootstrap settings).</summary>
    public const string AdminUserName = "root";

    public const string AdminPassword = "the admin's own passphrase";

    private const string Chromium = "/usr/bin/chromium";
    private readonly string _folder = Directory.CreateTempSubdirectory("brandforum-browser-").FullName;
    private Process? _server;
    private IPlaywright? _playwright;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing. Install it with: sudo apt-get install -y chromium");
        }

        // "localhost", not 127.0.0.1: WebAuthn (passkeys) refuses IP addresses as the relying party.
        BaseAddress = new Uri($"http://localhost:{FreePort()}/");
        _server = await StartServerAsync();
        await WaitUntilHealthyAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        if (_server is { HasExited: false })
        {
            _server.Kill(entireProcessTree: true);
            await _server.WaitForExitAsync();
        }

        _server?.Dispose();
        BrandForum.Testing.TempFolder.Delete(_folder);
    }

    /// <summary>A page in a fresh browser context (no cookies); <paramref name="locale"/> sets its Accept-Language.</summary>
    public async Task<IPage> NewPageAsync(ColorScheme scheme = ColorScheme.Light, bool javaScript = true, string locale = "en-US")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(), ColorScheme = scheme, JavaScriptEnabled = javaScript, Locale = locale,
        });
        return await context.NewPageAsync();
    }

    /// <summary>Runs before the server starts, given how it will be started (its environment, its database): a subclass seeds.</summary>
    protected virtual Task BeforeServerStartsAsync(ProcessStartInfo server) => Task.CompletedTask;

    private async Task<Process> StartServerAsync()
    {
        var serverDll = Path.Combine(AppContext.BaseDirectory, "BrandForum.Server.dll");
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(serverDll);
        info.Environment["ASPNETCORE_URLS"] = BaseAddress.ToString().TrimEnd('/');
        // As `dotnet run` does: the project folder is the content root, so wwwroot and appsettings are its own.
        info.Environment["ASPNETCORE_CONTENTROOT"] = ServerProjectFolder();
        info.Environment["ConnectionStrings__Forum"] = $"Data Source={Path.Combine(_folder, "forum.db")}";
        info.Environment["Forum__Bootstrap__AdminEmail"] = "root@example.com";
        info.Environment["Forum__Bootstrap__AdminUserName"] = AdminUserName;
        info.Environment["Forum__Bootstrap__AdminPassword"] = AdminPassword;
        await BeforeServerStartsAsync(info);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the server.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
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
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Not answering yet.
            }

            if (_server!.HasExited)
            {
                throw new InvalidOperationException($"The server exited with {_server.ExitCode} before answering.");
            }

            await Task.Delay(200);
        }

        throw new TimeoutException("The server did not become healthy within 60 s.");
    }

    private static string ServerProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "src", "BrandForum.Server");
            if (Directory.Exists(Path.Combine(candidate, "wwwroot")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("src/BrandForum.Server was not found above the test folder.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
