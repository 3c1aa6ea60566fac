using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Members;

public sealed class AccountFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "a sentence I will remember";

    [Fact]
    public async Task SignsUpSignsOutAndSignsInAgainThroughTheWebPages()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Join" }).ClickAsync();
        await page.GetByLabel("User name").FillAsync("webfan");
        await page.GetByLabel("Email").FillAsync("webfan@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "@webfan" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByLabel("Email or user name").FillAsync("webfan");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Wrong login or password.");

        await page.GetByLabel("Email or user name").FillAsync("webfan@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "@webfan" })).ToBeVisibleAsync();

        await page.GotoAsync("/account");
        await Assertions.Expect(page.GetByText("this device")).ToBeVisibleAsync();
        await page.GetByLabel("Display name").FillAsync("Web Fan");
        await page.GetByLabel("About you").FillAsync("Here since the first release.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Your profile is saved.")).ToBeVisibleAsync();

        await page.GotoAsync("/u/webfan");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Web Fan" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Here since the first release.")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task SendsAnonymousVisitorsOfTheAccountPageToSignInAndBack()
    {
        var page = await browser.NewPageAsync();

        await page.GotoAsync("/account");

        Assert.Contains("/account/login?ReturnUrl=%2Faccount", page.Url, StringComparison.Ordinal);
    }
}
