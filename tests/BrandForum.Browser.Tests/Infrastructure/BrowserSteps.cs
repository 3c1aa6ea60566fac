using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Infrastructure;

/// <summary>Steps many browser tests take, as a person would: join through the form, sign in through the form.</summary>
public static class BrowserSteps
{
    /// <summary>Registers through the form (the page's address may carry a referral code) and waits to be signed in.</summary>
    public static async Task RegisterAsync(IPage page, string userName, string at = "/account/register", string emailDomain = "example.com")
    {
        await page.GotoAsync(at);
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Email").FillAsync($"{userName}@{emailDomain}");
        await page.GetByLabel("Password").FillAsync("a sentence I will remember");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"@{userName}" })).ToBeVisibleAsync();
    }

    public static async Task SignInAsync(IPage page, string login, string password)
    {
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email or user name").FillAsync(login);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = $"@{login}" })).ToBeVisibleAsync();
    }
}
