using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Members;

public sealed class PasskeyFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AddsAPasskeyAndSignsInWithItAlone()
    {
        var page = await browser.NewPageAsync();
        // Chromium's virtual authenticator stands in for a fingerprint reader.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2",
                ["transport"] = "internal",
                ["hasResidentKey"] = true,
                ["hasUserVerification"] = true,
                ["isUserVerified"] = true,
                ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync("/account/register");
        await page.GetByLabel("User name").FillAsync("keyholder");
        await page.GetByLabel("Email").FillAsync("keyholder@example.com");
        await page.GetByLabel("Password").FillAsync("yet another long sentence");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GotoAsync("/account");
        await page.GetByLabel("Name it").FillAsync("Test laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".passkeys li")).ToContainTextAsync("Test laptop");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/account/login");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "@keyholder" })).ToBeVisibleAsync();
    }
}
