using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Pages;

public sealed class HomePageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task ShowsTheDefaultThemeWithItsLogoAndNoScriptErrors()
    {
        var page = await browser.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };

        var response = await page.GotoAsync("/");

        Assert.Equal(200, response!.Status);
        Assert.Equal("Home · BrandForum", await page.TitleAsync());
        Assert.Equal("rgb(29, 78, 216)", await ColorOfAsync(page, "h1"));
        Assert.True(await page.EvalOnSelectorAsync<bool>(".brand img", "img => img.complete && img.naturalWidth > 0"), "the logo did not load");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task FollowsTheVisitorsDarkModePreference()
    {
        var page = await browser.NewPageAsync(ColorScheme.Dark);

        await page.GotoAsync("/");

        Assert.Equal("rgb(147, 180, 255)", await ColorOfAsync(page, "h1"));
        Assert.Equal("rgb(17, 19, 24)", await page.EvalOnSelectorAsync<string>("body", "e => getComputedStyle(e).backgroundColor"));
    }

    [Fact]
    public async Task OffersASkipLinkToTheFirstTabPress()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");

        await page.Keyboard.PressAsync("Tab");

        Assert.Equal("Skip to content", await page.EvaluateAsync<string>("document.activeElement.textContent"));
        var box = await page.Locator(".skip-link").BoundingBoxAsync();
        Assert.True(box is { X: >= 0 }, "the focused skip link stays off screen");
    }

    private static Task<string> ColorOfAsync(IPage page, string selector) =>
        page.EvalOnSelectorAsync<string>(selector, "e => getComputedStyle(e).color");
}
