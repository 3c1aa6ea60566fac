using BrandForum.Browser.Tests.Infrastructure;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Members;

public sealed class TwoFactorFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Password = "another memorable sentence";

    [Fact]
    public async Task SetsUpAnAuthenticatorFromTheQrPageAndSignsInWithACode()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/account/register");
        await page.GetByLabel("User name").FillAsync("secure.fan");
        await page.GetByLabel("Email").FillAsync("secure.fan@example.com");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();

        await page.GotoAsync("/account/two-factor");
        await Assertions.Expect(page.Locator(".qr svg")).ToBeVisibleAsync();
        var key = (await page.Locator("code.key").TextContentAsync())!.Trim();
        var enabledAt = DateTimeOffset.UtcNow;
        await page.GetByLabel("Then type the 6-digit code it shows").FillAsync(Totp.Code(key, enabledAt));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn two-factor sign-in on" }).ClickAsync();
        await Assertions.Expect(page.Locator(".codes li")).ToHaveCountAsync(10);

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email or user name").FillAsync("secure.fan");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        // The next step's code: never the one just used (a code works once), and inside the accepted window.
        await page.GetByLabel("Code from your authenticator app").FillAsync(Totp.Code(key, enabledAt.AddSeconds(30)));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "@secure.fan" })).ToBeVisibleAsync();
    }
}
