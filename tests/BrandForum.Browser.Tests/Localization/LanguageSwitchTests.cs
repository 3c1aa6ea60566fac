using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Localization;

public sealed class LanguageSwitchTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "a sentence I will remember";

    [Fact]
    public async Task AFrenchBrowserSeesFrenchAndTheSwitcherKeepsEnglishOnceChosen()
    {
        var page = await browser.NewPageAsync(locale: "fr-FR");

        await page.GotoAsync("/account/login");
        Assert.Equal("fr", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Se connecter" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "English" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        Assert.EndsWith("/account/login", page.Url, StringComparison.Ordinal);
        await page.GotoAsync("/");
        Assert.Equal("en", await page.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Welcome" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task AMemberWhoSavesFrenchSeesFrenchOnAnotherBrowserAfterSigningIn()
    {
        var first = await browser.NewPageAsync();
        await first.GotoAsync("/account/register");
        await first.GetByLabel("User name").FillAsync("lingua");
        await first.GetByLabel("Email").FillAsync("lingua@example.com");
        await first.GetByLabel("Password").FillAsync(Password);
        await first.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Link, new() { Name = "@lingua" })).ToBeVisibleAsync();

        await first.GotoAsync("/account");
        await first.GetByLabel("Show the forum in").SelectOptionAsync("fr");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save language" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Heading, new() { Name = "Votre compte" })).ToBeVisibleAsync();

        var second = await browser.NewPageAsync(locale: "en-US");
        await second.GotoAsync("/account/login");
        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await second.GetByLabel("Email or user name").FillAsync("lingua");
        await second.GetByLabel("Password").FillAsync(Password);
        await second.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();

        await Assertions.Expect(second.GetByRole(AriaRole.Heading, new() { Name = "Bienvenue" })).ToBeVisibleAsync();
        Assert.Equal("fr", await second.GetAttributeAsync("html", "lang"));
        await Assertions.Expect(second.GetByRole(AriaRole.Button, new() { Name = "Se déconnecter" })).ToBeVisibleAsync();
    }
}
