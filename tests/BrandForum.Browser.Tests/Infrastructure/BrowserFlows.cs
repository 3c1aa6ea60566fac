using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Infrastructure;

/// <summary>Steps several browser tests take the same way: signing in, creating a category and starting a topic in it.</summary>
public static class BrowserFlows
{
    public static async Task<string> StartTopicAsync(IPage admin, string category, string slug, string title)
    {
        await admin.GotoAsync("/admin/categories");
        await admin.GetByLabel("Name", new() { Exact = true }).Last.FillAsync(category);
        await admin.GetByLabel("Address (slug)").FillAsync(slug);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create the category" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Status)).ToContainTextAsync($"Category “{category}” created.");
        await admin.GotoAsync($"/new-topic?category={slug}");
        await admin.GetByLabel("Title").FillAsync(title);
        await admin.GetByLabel("Your first post").FillAsync("Keep it civil, please.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the topic" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        return admin.Url;
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
