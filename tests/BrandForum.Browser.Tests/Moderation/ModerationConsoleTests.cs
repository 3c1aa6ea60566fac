using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static BrandForum.Browser.Tests.Infrastructure.PageSteps;

namespace BrandForum.Browser.Tests.Moderation;

/// <summary>The moderation console in Chromium: a rule holds an insult, a moderator approves it from the keyboard, readers see it live.</summary>
public sealed class ModerationConsoleTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AHeldPostApprovedFromTheKeyboardAppearsLiveForReaders()
    {
        var moderator = await browser.NewPageAsync();
        var errors = CollectScriptErrors(moderator);
        await SignInAsync(moderator, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        var topicUrl = await StartTopicAsync(moderator, "Civil", "civil", "Be nice here");
        var reader = await browser.NewPageAsync();
        errors.AddRange(CollectScriptErrors(reader));
        await reader.GotoAsync(topicUrl);
        await Assertions.Expect(reader.Locator("[data-live-status]")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        await reader.EvaluateAsync("window.notReloaded = true");

        var member = await browser.NewPageAsync();
        await RegisterAsync(member, "rude");
        await member.GotoAsync(topicUrl);
        await member.GetByLabel("Your reply").FillAsync("You are an idiot");
        await member.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        var held = member.GetByRole(AriaRole.Article, new() { Name = "Post by rude, awaiting review" });
        await Assertions.Expect(held).ToContainTextAsync("You are an idiot");
        await Assertions.Expect(held).ToContainTextAsync("Awaiting review");
        await Assertions.Expect(reader.Locator("article.post")).ToHaveCountAsync(1);

        await moderator.GotoAsync("/moderation");
        var item = moderator.Locator("[data-queue-list] [data-item-id]").Filter(new() { HasText = "You are an idiot" }).Filter(new() { HasText = "Be nice here" });
        await Assertions.Expect(item).ToHaveCountAsync(1);
        await item.ClickAsync(); // selects it in place (and focuses it: the shortcut is not typed into a field)
        await Assertions.Expect(item).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(moderator.Locator("[data-queue-detail] .review-excerpt")).ToHaveTextAsync("You are an idiot");
        await moderator.Keyboard.PressAsync("a");

        await Assertions.Expect(moderator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Approved.");
        await Assertions.Expect(item).ToHaveCountAsync(0);
        await Assertions.Expect(reader.Locator("#post-2 .post-body")).ToHaveTextAsync("You are an idiot", new() { Timeout = 15_000 });
        Assert.True(await reader.EvaluateAsync<bool>("window.notReloaded === true"), "the reader's page was not reloaded");
        await Assertions.Expect(member.Locator("#post-2 .post-body")).ToHaveTextAsync("You are an idiot", new() { Timeout = 15_000 });
        await Assertions.Expect(held).ToHaveCountAsync(0); // the author's waiting card goes when the post is published
        Assert.Empty(errors);
    }

    [Fact]
    public async Task TheConsoleFollowsTheQueueLiveKeepsItsSelectionAndIgnoresShortcutsWhileTyping()
    {
        var moderator = await browser.NewPageAsync();
        var errors = CollectScriptErrors(moderator);
        await SignInAsync(moderator, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        var topicUrl = await StartTopicAsync(moderator, "Lively", "lively", "Heated debate");
        var member = await browser.NewPageAsync();
        await RegisterAsync(member, "hothead");
        await ReplyAsync(member, topicUrl, "What a moron");

        await moderator.GotoAsync("/moderation");
        await Assertions.Expect(moderator.Locator("[data-live-status]")).ToHaveTextAsync("Live", new() { Timeout = 15_000 });
        var first = moderator.Locator("[data-queue-list] [data-item-id]").Filter(new() { HasText = "What a moron" });
        await first.ClickAsync(); // another test of this class may have left items in the shared forum's queue
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-current", "true");

        // A new held post arrives on the moderation channel: the list grows without a reload, the selection stays.
        await ReplyAsync(member, topicUrl, "Such a moron, again");
        var second = moderator.Locator("[data-queue-list] [data-item-id]").Filter(new() { HasText = "Such a moron, again" });
        await Assertions.Expect(second).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-current", "true");

        // j moves down; typing "a" in the reason field types it and approves nothing.
        await moderator.Keyboard.PressAsync("j");
        await Assertions.Expect(second).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(moderator.Locator("[data-queue-detail] .review-excerpt")).ToHaveTextAsync("Such a moron, again");
        await moderator.GetByLabel("Reason (optional, kept in the audit trail)").PressSequentiallyAsync("a");
        await Assertions.Expect(moderator.GetByLabel("Reason (optional, kept in the audit trail)")).ToHaveValueAsync("a");
        await moderator.EvaluateAsync("document.activeElement.blur()"); // out of the field, shortcuts work again
        await moderator.Keyboard.PressAsync("k");
        await Assertions.Expect(first).ToHaveAttributeAsync("aria-current", "true");

        // c claims the selected item; r rejects it and the next one is selected.
        await moderator.Keyboard.PressAsync("c");
        await Assertions.Expect(first).ToContainTextAsync($"claimed by @{BrowserFixture.AdminUserName}");
        await moderator.Keyboard.PressAsync("r");
        await Assertions.Expect(moderator.GetByRole(AriaRole.Status)).ToHaveTextAsync("Rejected.");
        await Assertions.Expect(first).ToHaveCountAsync(0);
        await Assertions.Expect(second).ToHaveAttributeAsync("aria-current", "true");
        Assert.Empty(errors);
    }

    private static async Task ReplyAsync(IPage page, string topicUrl, string text)
    {
        await page.GotoAsync(topicUrl);
        await page.GetByLabel("Your reply").FillAsync(text);
        await page.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await Assertions.Expect(page.Locator("article.post.held").Filter(new() { HasText = text })).ToHaveCountAsync(1);
    }
}
