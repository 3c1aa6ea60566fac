using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Screenshots;

/// <summary>
/// Not a test: takes the README's screenshots of the CM toolkit (docs/screenshots/*.png) from the demo community.
/// Skipped unless <c>BRANDFORUM_SCREENSHOTS=1</c>, so the suite and CI never rewrite them; run
/// <c>tools/screenshots.sh</c>. The data is the demo seed (<c>seed --demo</c>, spread over past weeks, so the
/// dashboard has history) plus a few editorial items planned by the demo CMs through the API around today.
/// </summary>
public sealed class ReadmeScreenshots(ReadmeScreenshots.DemoForum forum) : IClassFixture<ReadmeScreenshots.DemoForum>
{
    [ScreenshotFact]
    [Trait("Category", "Tool")] // left out of ./test.sh (and so CI): a tool, not a check
    public async Task DashboardAndCalendar()
    {
        var week = await PlanTheCalendarAsync();
        await forum.CaughtUpAsync();
        var context = await forum.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = forum.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, Locale = "en-US",
        });
        var page = await context.NewPageAsync();
        await PageSteps.SignInAsync(page, "camille.cm", DemoPassword);
        var folder = Path.Combine(RepositoryRoot(), "docs", "screenshots");
        Directory.CreateDirectory(folder);

        // The dashboard twice (its figures, then its charts), the calendar's week of planned items: each a viewport.
        await page.GotoAsync("/moderation/analytics");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "analytics-dashboard.png") });
        await page.EvaluateAsync("document.querySelector('.chart-card').scrollIntoView()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "analytics-charts.png") });
        await page.GotoAsync($"/moderation/calendar?view=week&date={week:yyyy-MM-dd}");
        await page.EvaluateAsync("document.querySelector('.calendar-title').scrollIntoView()");
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, "editorial-calendar.png") });
        foreach (var png in Directory.GetFiles(folder, "*.png"))
        {
            Assert.True(new FileInfo(png).Length < 300_000, $"{png} is over 300 kB: keep README images small.");
        }
    }

    private const string DemoPassword = "lumio demo password"; // DemoCommunity.Password

    /// <summary>Next week's items at every stage: ideas and drafts by one CM, approved (or cancelled) by the other. Returns that Monday.</summary>
    private async Task<DateOnly> PlanTheCalendarAsync()
    {
        using var http = new HttpClient { BaseAddress = forum.BaseAddress };
        var camille = await TokenAsync(http, "camille.cm");
        var alex = await TokenAsync(http, "alex_cm");
        var categories = (await SendAsync(http, HttpMethod.Get, "/api/categories", camille, null)).EnumerateArray().Select(c => c.GetProperty("slug").GetString()!).ToList();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var monday = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));
        (string Title, int Day, int Hour, string[] Moves)[] plan =
        [
            ("Weekly tips: caring for your gear", 0, 9, ["draft", "review", "scheduled"]),
            ("Maintenance window notice", 0, 7, ["draft", "review", "scheduled", "cancelled"]),
            ("Photo contest: winter rides", 1, 17, ["draft", "review"]),
            ("Meet the team: our support crew", 2, 11, ["draft"]),
            ("Poll: which accessory next?", 2, 15, []),
            ("Ask us anything with the product team", 3, 18, ["draft", "review", "scheduled"]),
            ("New colours preview", 4, 10, []),
            ("Weekend ride meet-ups", 5, 8, ["draft", "review", "scheduled"]),
            ("Community spotlight of the month", 6, 14, ["draft", "review"]),
        ];
        var i = 0;
        foreach (var (title, day, hour, moves) in plan)
        {
            var created = await SendAsync(http, HttpMethod.Post, "/api/editorial/items", camille, new
            {
                category = categories[i++ % categories.Count], title, body = $"{title}: tell us what you think.", publishAt = new DateTimeOffset(monday.AddDays(day).ToDateTime(new TimeOnly(hour, 0)), TimeSpan.Zero),
            });
            var itemId = created.GetProperty("itemId").GetString();
            foreach (var state in moves)
            {
                await SendAsync(http, HttpMethod.Patch, $"/api/editorial/items/{itemId}", state is "scheduled" or "cancelled" ? alex : camille, new { state });
            }
        }

        return monday;
    }

    private static async Task<string> TokenAsync(HttpClient http, string login)
    {
        var response = await http.PostAsJsonAsync("/api/auth/login", new { login, password = DemoPassword });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, string token, object? body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        var response = await http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {response.StatusCode} {text}");
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
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

        throw new InvalidOperationException("The repository root (BrandForum.sln) was not found above the test binaries.");
    }

    /// <summary>The browser fixture's server on a database the demo seed filled first (small: a README image, not a benchmark).</summary>
    public sealed class DemoForum : BrowserFixture
    {
        protected override async Task BeforeServerStartsAsync(ProcessStartInfo server)
        {
            if (!ScreenshotFactAttribute.Enabled)
            {
                return;
            }

            var seed = new ProcessStartInfo(server.FileName) { UseShellExecute = false };
            foreach (var arg in server.ArgumentList.Concat(["seed", "--demo", "--members", "60", "--topics", "120", "--posts", "2500"]))
            {
                seed.ArgumentList.Add(arg);
            }

            foreach (var (key, value) in server.Environment)
            {
                seed.Environment[key] = value;
            }

            using var process = Process.Start(seed) ?? throw new InvalidOperationException("Could not run the seed.");
            await process.WaitForExitAsync();
            Assert.Equal(0, process.ExitCode);
        }

        /// <summary>Waits until every projection has caught up with the log (the dashboard reads async ones).</summary>
        public async Task CaughtUpAsync()
        {
            using var http = new HttpClient { BaseAddress = BaseAddress };
            for (var attempt = 0; attempt < 600; attempt++)
            {
                var health = await http.GetFromJsonAsync<JsonElement>("/health");
                if (health.GetProperty("log").GetProperty("projections").EnumerateObject().All(p => p.Value.GetInt64() == 0))
                {
                    return;
                }

                await Task.Delay(200);
            }

            throw new TimeoutException("The projections did not catch up within two minutes.");
        }
    }
}

/// <summary>A fact that runs only when <c>BRANDFORUM_SCREENSHOTS=1</c> (tools/screenshots.sh sets it).</summary>
public sealed class ScreenshotFactAttribute : FactAttribute
{
    public static bool Enabled => Environment.GetEnvironmentVariable("BRANDFORUM_SCREENSHOTS") == "1";

    public ScreenshotFactAttribute()
    {
        if (!Enabled)
        {
            Skip = "Takes the README's screenshots; run tools/screenshots.sh.";
        }
    }
}
