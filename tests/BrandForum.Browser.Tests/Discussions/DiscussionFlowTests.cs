using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static BrandForum.Browser.Tests.Infrastructure.PageSteps;

namespace BrandForum.Browser.Tests.Discussions;

public sealed class DiscussionFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task StartsATopicRepliesInMarkdownReactsAndFindsItBySearch()
    {
        var page = await browser.NewPageAsync();
        var errors = CollectScriptErrors(page);
        await SignInAsync(page, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await CreateCategoryAsync(page, "Summer", "summer");

        await page.GotoAsync("/c/summer");
        await page.GetByRole(AriaRole.Link, new() { Name = "New topic" }).ClickAsync();
        await page.GetByLabel("Title").FillAsync("Les soirées d'été");
        await page.GetByLabel("Your first post").FillAsync("On se retrouve cet **été** ?");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();
        var preview = page.GetByRole(AriaRole.Region, new() { Name = "Preview" });
        await Assertions.Expect(preview.Locator("strong")).ToHaveTextAsync("été");
        await page.GetByLabel("Your first post").FillAsync("On se retrouve cet **été** au café ?");
        await Assertions.Expect(preview).ToContainTextAsync("au café"); // the live preview follows the typing
        await page.GetByRole(AriaRole.Button, new() { Name = "Start the topic" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Les soirées d'été", Level = 1 })).ToBeVisibleAsync();

        await page.GetByLabel("Your reply").FillAsync("**Bold** idea:\n\n- a picnic\n- a concert\n\n[the programme](https://example.com/programme)");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        var reply = page.Locator("#post-2");
        await Assertions.Expect(reply.Locator(".post-body strong")).ToHaveTextAsync("Bold");
        await Assertions.Expect(reply.Locator(".post-body li")).ToHaveTextAsync(["a picnic", "a concert"]);
        await Assertions.Expect(reply.GetByRole(AriaRole.Link, new() { Name = "the programme" })).ToHaveAttributeAsync("href", "https://example.com/programme");

        await reply.Locator("summary").ClickAsync(); // "Add a reaction"
        await reply.GetByRole(AriaRole.Button, new() { Name = "Like" }).ClickAsync();
        var like = reply.Locator(".reaction[data-kind=like]");
        await Assertions.Expect(like.Locator(".count")).ToHaveTextAsync("1");
        await Assertions.Expect(like).ToHaveAttributeAsync("aria-pressed", "true");
        await like.ClickAsync();
        await Assertions.Expect(reply.Locator(".reaction .count")).ToHaveCountAsync(0);

        await page.GetByRole(AriaRole.Searchbox, new() { Name = "Search the forum" }).FillAsync("ete");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "results for" })).ToContainTextAsync("2 results");
        await page.GetByRole(AriaRole.Link, new() { Name = "Les soirées d'été" }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Les soirées d'été", Level = 1 })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task RepliesWithPreviewWithoutJavaScript()
    {
        var admin = await browser.NewPageAsync();
        await SignInAsync(admin, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await CreateCategoryAsync(admin, "Plain", "plain");
        await admin.GotoAsync("/new-topic?category=plain");
        await admin.GetByLabel("Title").FillAsync("Works without scripts");
        await admin.GetByLabel("Your first post").FillAsync("Does it?");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the topic" }).ClickAsync();
        var topicUrl = admin.Url;

        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/account/register");
        await page.GetByLabel("User name").FillAsync("plainfan");
        await page.GetByLabel("Email").FillAsync("plainfan@example.com");
        await page.GetByLabel("Password").FillAsync("a sentence I will remember");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GotoAsync(topicUrl);
        await page.GetByRole(AriaRole.Link, new() { Name = "Reply with quote to post 1" }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Your reply")).ToHaveValueAsync("> @root wrote:\n> Does it?\n\n");
        await page.GetByLabel("Your reply").PressAsync("Control+End");
        await page.GetByLabel("Your reply").PressSequentiallyAsync("It _does_.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Preview" }).Locator("em")).ToHaveTextAsync("does");
        await Assertions.Expect(page.GetByLabel("Your reply")).ToHaveValueAsync("> @root wrote:\n> Does it?\n\nIt _does_.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await Assertions.Expect(page.Locator("#post-2 .post-body blockquote")).ToContainTextAsync("Does it?");
        await Assertions.Expect(page.Locator("#post-2 .post-body em")).ToHaveTextAsync("does");
    }

    [Fact]
    public async Task AnnouncesNewRepliesLiveToReadersOfTheTopic()
    {
        var admin = await browser.NewPageAsync();
        await SignInAsync(admin, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await CreateCategoryAsync(admin, "Live", "live");
        await admin.GotoAsync("/new-topic?category=live");
        await admin.GetByLabel("Title").FillAsync("Watching this one");
        await admin.GetByLabel("Your first post").FillAsync("Stay tuned.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the topic" }).ClickAsync();
        var reader = await browser.NewPageAsync();
        var errors = CollectScriptErrors(reader);
        await reader.GotoAsync(admin.Url);
        await Assertions.Expect(reader.GetByRole(AriaRole.Heading, new() { Name = "Watching this one" })).ToBeVisibleAsync();
        // No wait for the connection: the page follows the topic from the log position it was rendered at.
        // The live bar says the page is live, how many read the topic, and who is writing.
        await Assertions.Expect(admin.Locator("[data-live-status]")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        await Assertions.Expect(reader.Locator("[data-live-presence]")).ToHaveTextAsync("2 readers", new() { Timeout = 15_000 });

        await admin.GetByLabel("Your reply").FillAsync("Here is the news.");
        await Assertions.Expect(reader.Locator("[data-live-typing]")).ToHaveTextAsync($"@{BrowserFixture.AdminUserName} is writing…", new() { Timeout = 15_000 });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();

        // The reader is at the end of the page the reply belongs to: it appears in place, without a reload.
        await Assertions.Expect(reader.Locator("#post-2 .post-body")).ToHaveTextAsync("Here is the news.", new() { Timeout = 15_000 });
        await Assertions.Expect(reader.Locator("[data-live-notice]")).ToBeHiddenAsync();
        Assert.Equal(2, await reader.Locator("article.post").CountAsync());

        // Scrolled up, the reader is told instead, with a link to the new reply.
        await reader.SetViewportSizeAsync(800, 240);
        await reader.EvaluateAsync("window.scrollTo(0, 0)");
        await admin.GotoAsync(admin.Url);
        await admin.GetByLabel("Your reply").FillAsync("And more news.");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        var notice = reader.GetByRole(AriaRole.Status).Filter(new() { HasText = "new reply" });
        await Assertions.Expect(notice).ToBeVisibleAsync(new() { Timeout = 15_000 });
        await notice.GetByRole(AriaRole.Link).ClickAsync();
        await Assertions.Expect(reader.Locator("#post-3 .post-body")).ToHaveTextAsync("And more news.");
        Assert.Empty(errors);
    }
}
