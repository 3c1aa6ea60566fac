using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Analytics;

/// <summary>The CMs' dashboard in Chromium, scripts off: server-rendered SVG charts, a working filter form, CSV downloads.</summary>
public sealed class DashboardTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ChartsRenderAsSvgTheFilterWorksWithoutScriptsAndEachChartDownloadsAsCsv()
    {
        var admin = await browser.NewPageAsync();
        await PageSteps.SignInAsync(admin, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await PageSteps.StartTopicAsync(admin, "Measured", "measured", "Counting posts");

        var page = await browser.NewPageAsync(javaScript: false);
        await PageSteps.SignInAsync(page, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await page.GotoAsync("/moderation/analytics");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Analytics", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("svg.chart")).ToHaveCountAsync(8);
        await Assertions.Expect(page.GetByText("DAU/MAU = average daily active members ÷ members active in the last 30 days.")).ToBeVisibleAsync();
        var posts = page.Locator("#chart-posts svg.chart");
        Assert.True((await posts.BoundingBoxAsync())!.Width > 200, "the posts chart is drawn at a readable size");

        await page.GetByLabel("Category").SelectOptionAsync("measured");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        Assert.Contains("category=measured", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(page.GetByLabel("Category")).ToHaveValueAsync("measured");

        // The async projection may take a moment to count the new topic: reload until today's bar shows it.
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var csv = "";
        for (var attempt = 0; attempt < 20 && !csv.Contains($"{today},1", StringComparison.Ordinal); attempt++)
        {
            await page.ReloadAsync();
            var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("#chart-posts").GetByRole(AriaRole.Link, new() { Name = "Download as CSV" }).ClickAsync());
            Assert.StartsWith("posts-", download.SuggestedFilename, StringComparison.Ordinal);
            csv = await File.ReadAllTextAsync((await download.PathAsync())!);
            await download.DeleteAsync();
        }

        Assert.StartsWith("date,posts\r\n", csv, StringComparison.Ordinal);
        Assert.EndsWith($"{today},1\r\n", csv, StringComparison.Ordinal);
    }
}
