using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Animation;

public sealed class PollFlowTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AsksAPollWithATopicAMemberVotesAndChangesTheirVoteWithoutJavaScriptAndTheAuthorMarksASolution()
    {
        var admin = await browser.NewPageAsync();
        await PageSteps.SignInAsync(admin, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await PageSteps.CreateCategoryAsync(admin, "Polls", "polls");
        await admin.GotoAsync("/new-topic?category=polls");
        await admin.GetByLabel("Title").FillAsync("Next colour of the bike");
        await admin.GetByLabel("Your first post").FillAsync("Tell us which one you would ride.");
        await admin.Locator("summary", new() { HasText = "Add a poll" }).ClickAsync();
        await admin.GetByLabel("Question").FillAsync("Which colour?");
        await admin.GetByLabel("Options, one per line").FillAsync("Red\nBlue\nGreen");
        await admin.GetByLabel("Show the results").SelectOptionAsync("onVote");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Start the topic" }).ClickAsync();
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Which colour?" })).ToBeVisibleAsync();
        var topicUrl = admin.Url;

        var page = await browser.NewPageAsync(javaScript: false);
        await page.GotoAsync("/account/register");
        await page.GetByLabel("User name").FillAsync("pollfan");
        await page.GetByLabel("Email").FillAsync("pollfan@example.com");
        await page.GetByLabel("Password").FillAsync("a sentence I will remember");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create my account" }).ClickAsync();
        await page.GotoAsync(topicUrl);
        var poll = page.Locator("section.poll");
        await Assertions.Expect(poll).ToContainTextAsync("Results show once you vote.");
        await Assertions.Expect(poll.Locator(".poll-results")).ToHaveCountAsync(0);

        await poll.GetByLabel("Blue").CheckAsync();
        await poll.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your vote is counted.");
        await Assertions.Expect(poll.Locator(".poll-result[data-option='1'] .poll-count")).ToHaveTextAsync("1 vote (100 %)");
        await Assertions.Expect(poll.Locator(".poll-result.mine")).ToContainTextAsync("Blue");
        await Assertions.Expect(poll.GetByLabel("Blue")).ToBeCheckedAsync();

        await poll.GetByLabel("Green").CheckAsync();
        await poll.GetByRole(AriaRole.Button, new() { Name = "Change my vote" }).ClickAsync();
        await Assertions.Expect(poll.Locator(".poll-result[data-option='2'] .poll-count")).ToHaveTextAsync("1 vote (100 %)");
        await Assertions.Expect(poll.Locator(".poll-result[data-option='1'] .poll-count")).ToHaveTextAsync("0 votes (0 %)");
        await Assertions.Expect(poll).ToContainTextAsync("1 voter");

        await page.GetByLabel("Your reply").FillAsync("Green suits the frame best.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Post reply" }).ClickAsync();
        await admin.GotoAsync(topicUrl);
        await admin.GetByRole(AriaRole.Button, new() { Name = "Mark as solution post 2" }).ClickAsync();
        var solution = admin.GetByRole(AriaRole.Complementary, new() { Name = "Solution" });
        await Assertions.Expect(solution).ToContainTextAsync("Green suits the frame best.");
        await Assertions.Expect(solution.GetByRole(AriaRole.Link, new() { Name = "Go to post 2" })).ToBeVisibleAsync();
        await page.GotoAsync("/c/polls");
        await Assertions.Expect(page.Locator(".topic-row", new() { HasText = "Next colour of the bike" })).ToContainTextAsync("Solved");
    }
}
