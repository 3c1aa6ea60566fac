using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandForum.Server.Tests.Pages;

/// <summary>
/// The moderation pages as a browser without JavaScript uses them: the console at /moderation (forms that post and
/// redirect back) and what a topic page shows of held, hidden and flagged posts, read with an HTML parser.
/// </summary>
public abstract class ModerationPagesTests(StorageEngine engine) : StaffPagesTest(engine)
{
    [Fact]
    public async Task TheConsoleIsForStaffOnly()
    {
        await ForumWithTopicAsync();
        await Forum.CreateClient().SignUpAndInAsync("fan");

        var anonymous = await Forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(new Uri("/moderation", UriKind.Relative));
        var member = await (await WebClientAsync("fan")).GetAsync(new Uri("/moderation", UriKind.Relative));
        var moderator = await WebClientAsync("mod");

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.StartsWith("/account/login", member.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        var console = await PageAsync(moderator, "/moderation");
        Assert.Equal("Nothing waits for review.", console.QuerySelector("[data-queue-list] p")?.TextContent);
        Assert.NotNull(console.QuerySelector(".account-nav a[href='/moderation']"));
        Assert.Null((await PageAsync(await WebClientAsync("fan"), "/")).QuerySelector(".account-nav a[href='/moderation']"));
    }

    [Fact]
    public async Task StaffSeeAHeldPostWithItsReasonsAndAuthorAndApproveItWithoutJavaScript()
    {
        var topicId = await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var fan = await api.SignUpAndInAsync("fan");
        var postId = (await (await api.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "You are an idiot." })).JsonAsync()).GetProperty("postId").GetString();
        var moderator = await WebClientAsync("mod");

        var console = await PageAsync(moderator, "/moderation");
        var item = Assert.Single(console.QuerySelectorAll("[data-queue-list] [data-item-id]"));
        Assert.Equal((postId, "true"), (item.GetAttribute("data-item-id"), item.GetAttribute("aria-current")));
        Assert.Contains("You are an idiot.", item.TextContent, StringComparison.Ordinal);
        var detail = console.QuerySelector("[data-queue-detail]")!;
        Assert.Equal("Held post", detail.QuerySelector("h2")?.TextContent);
        Assert.Contains("insults-en", detail.QuerySelector(".reasons")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("rulebook version", detail.QuerySelector(".reasons")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("@fan", detail.TextContent, StringComparison.Ordinal);
        Assert.NotNull(detail.QuerySelector(".author-history"));
        Assert.Equal(["approve", "reject"], detail.QuerySelectorAll("button[name=decision]").Select(b => b.GetAttribute("value")));
        Assert.Equal("a", detail.QuerySelector("button[value=approve]")?.GetAttribute("data-shortcut"));
        Assert.Contains(console.QuerySelectorAll(".shortcuts kbd"), k => k.TextContent == "j");

        var claimed = await PostFormAsync(moderator, "/moderation", "/moderation?handler=Claim", new() { ["itemId"] = postId!, ["claim"] = "true" });
        Assert.Equal($"/moderation?item={postId}", claimed.Headers.Location?.OriginalString);
        var afterClaim = await PageAsync(moderator, claimed.Headers.Location!.OriginalString);
        Assert.Contains("claimed by @mod", afterClaim.QuerySelector("[data-queue-list]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Release", afterClaim.QuerySelector("button[data-shortcut=c]")?.TextContent);

        // A sanction without a reason the member can read decides nothing.
        var noReason = await PostFormAsync(moderator, "/moderation", "/moderation?handler=Decide", new() { ["itemId"] = postId!, ["decision"] = "approve", ["sanctionKind"] = "warn" });
        Assert.Contains("A sanction needs a reason", (await PageAsync(moderator, noReason.Headers.Location!.OriginalString)).QuerySelector("[role=status]")?.TextContent, StringComparison.Ordinal);

        var approved = await PostFormAsync(moderator, "/moderation", "/moderation?handler=Decide", new() { ["itemId"] = postId!, ["decision"] = "approve", ["reason"] = "Banter" });
        Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        var after = await PageAsync(moderator, approved.Headers.Location!.OriginalString);
        Assert.Equal("Approved.", after.QuerySelector("[role=status]")?.TextContent);
        Assert.Empty(after.QuerySelectorAll("[data-queue-list] [data-item-id]"));
        var topic = await PageAsync(Forum.CreateClient(), $"/t/{topicId}");
        Assert.Equal("You are an idiot.", topic.QuerySelector("#post-2 .post-body")?.TextContent.Trim());
    }

    [Fact]
    public async Task AHeldReplyWaitsAfterTheLastPostForItsAuthorAndStaffOnly()
    {
        var topicId = await ForumWithTopicAsync();
        var fanTokens = await Forum.CreateClient().SignUpAndInAsync("fan");
        await Forum.CreateClient().SignUpAndInAsync("reader");
        var fan = await WebClientAsync("fan");

        var reply = await PostFormAsync(fan, $"/t/{topicId}", $"/t/{topicId}?handler=Reply", new() { ["Body"] = "You are an idiot." });

        Assert.Equal(HttpStatusCode.Redirect, reply.StatusCode);
        var location = reply.Headers.Location!.OriginalString;
        Assert.StartsWith($"/t/{topicId}?page={int.MaxValue}#held-", location, StringComparison.Ordinal);
        var heldId = "held-" + location.Split("#held-")[1];
        var forAuthor = await PageAsync(fan, location);
        var held = forAuthor.GetElementById(heldId)!;
        Assert.Contains("Awaiting review", held.TextContent, StringComparison.Ordinal);
        var ruleMessage = (await (await Forum.CreateClient().SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", fanTokens)).JsonAsync()).GetProperty("heldPosts")[0].GetProperty("message").GetString();
        Assert.Contains(ruleMessage!, held.QuerySelector(".notice")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("You are an idiot.", held.QuerySelector(".post-body")?.TextContent.Trim());
        Assert.Null(held.QuerySelector("a[href^='/moderation']"));
        Assert.NotNull((await PageAsync(await WebClientAsync("mod"), $"/t/{topicId}")).GetElementById(heldId)?.QuerySelector("a[href^='/moderation?item=']"));
        foreach (var other in new[] { await WebClientAsync("reader"), Forum.CreateClient() })
        {
            var page = await PageAsync(other, $"/t/{topicId}");
            Assert.Null(page.GetElementById(heldId));
            Assert.DoesNotContain("idiot", page.Body!.TextContent, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AFlagFromTheTopicPageHidesThePostForOthersButNotForItsAuthor()
    {
        Forum.Settings["Forum:Moderation:FlagThreshold"] = "2"; // one member's flag (weight 2 in bootstrap mode) is enough
        var topicId = await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var author = await api.SignUpAndInAsync("author");
        await api.SignUpAndInAsync("flagger");
        await api.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", author, new { body = "Buy my course today." });
        var flagger = await WebClientAsync("flagger");

        var before = await PageAsync(flagger, $"/t/{topicId}");
        var form = before.QuerySelector("#post-2 form[action*='handler=Flag']")!;
        Assert.Equal(["spam", "inappropriate", "off-topic", "harassment", "other"], form.QuerySelectorAll("select[name=reason] option").Select(o => o.GetAttribute("value")));
        Assert.NotNull(form.QuerySelector("textarea[name=note]"));
        var postId = form.QuerySelector("input[name=postId]")!.GetAttribute("value")!;
        var flagged = await PostFormAsync(flagger, $"/t/{topicId}", $"/t/{topicId}?handler=Flag&page=1", new() { ["postId"] = postId, ["reason"] = "spam", ["note"] = "Selling" });

        Assert.Equal(HttpStatusCode.Redirect, flagged.StatusCode);
        var forFlagger = await PageAsync(flagger, flagged.Headers.Location!.OriginalString);
        Assert.Equal("Thank you: the moderators will look at this post.", forFlagger.QuerySelector("[role=status]")?.TextContent);
        foreach (var page in new[] { forFlagger, await PageAsync(Forum.CreateClient(), $"/t/{topicId}") })
        {
            Assert.Equal("This post is hidden.", page.QuerySelector("#post-2 .post-body")?.TextContent.Trim());
            Assert.DoesNotContain("course", page.Body!.TextContent, StringComparison.Ordinal);
        }

        var forAuthor = await PageAsync(await WebClientAsync("author"), $"/t/{topicId}");
        Assert.Contains("Buy my course today.", forAuthor.QuerySelector("#post-2 .post-body")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Members flagged this post", forAuthor.QuerySelector("#post-2 .hidden-notice")?.TextContent, StringComparison.Ordinal);
        Assert.Null(forAuthor.QuerySelector("#post-2 form[action*='handler=Flag']")); // nobody flags their own post
        var forModerator = await PageAsync(await WebClientAsync("mod"), "/moderation");
        Assert.Equal(["approve", "reject", "keep", "hide"], forModerator.QuerySelectorAll("[data-queue-detail] button[name=decision]").Select(b => b.GetAttribute("value")));
        Assert.Contains("Selling", forModerator.QuerySelector(".reasons")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffSetSlowModeFromTheTopicPageAndMembersAreTold()
    {
        var topicId = await ForumWithTopicAsync();
        await Forum.CreateClient().SignUpAndInAsync("fan");
        var moderator = await WebClientAsync("mod");

        var set = await PostFormAsync(moderator, $"/t/{topicId}", $"/t/{topicId}?handler=SlowMode&page=1", new() { ["seconds"] = "30" });

        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Null((await PageAsync(await WebClientAsync("fan"), $"/t/{topicId}")).QuerySelector("form[action*='handler=SlowMode']"));
        Assert.Contains("Slow mode: one post every 30 s", (await PageAsync(await WebClientAsync("fan"), $"/t/{topicId}")).QuerySelector(".topic-flags")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("30", (await PageAsync(moderator, $"/t/{topicId}")).QuerySelector("form[action*='handler=SlowMode'] input[name=seconds]")?.GetAttribute("value"));
    }
}

public sealed class SqliteModerationPagesTests() : ModerationPagesTests(StorageEngine.Sqlite);

public sealed class PostgresModerationPagesTests() : ModerationPagesTests(StorageEngine.Postgres);
