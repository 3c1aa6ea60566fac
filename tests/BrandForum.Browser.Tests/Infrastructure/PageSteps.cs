using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Infrastructure;

/// <summary>Steps several browser tests take: registering, signing in, creating a category, starting a topic, collecting script errors.</summary>
public static class PageSteps
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

    public static async Task CreateCategoryAsync(IPage admin, string name, string slug)
    {
        await admin.GotoAsync("/admin/categories");
        await admin.GetByLabel("Name", new() { Exact = true }).Last.FillAsync(name);
        await admin.GetByLabel("Address (slug)").FillAsync(slug);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the category" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Category “{name}” created.");
    }

    /// <summary>Creates a category and starts a topic in it (as an admin); returns the topic's address.</summary>
    public static async Task<string> StartTopicAsync(IPage admin, string category, string slug, string title)
    {
        await CreateCategoryAsync(admin, category, slug);
        await admin.GotoAsync($"/new-topic?category={slug}");
        await admin.GetByLabel("Title").FillAsync(title);
        await admin.GetByLabel("Your first post").FillAsync("Keep it civil, please.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the topic" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        return admin.Url;
    }

    public static List<string> CollectScriptErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }
}
