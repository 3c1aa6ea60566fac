using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Pages;

/// <summary>The moderation console's announcement page: a moderator puts a banner up for a category, then takes it down.</summary>
public abstract class AnnouncementPageTests(StorageEngine engine) : StaffPagesTest(engine)
{
    [Fact]
    public async Task AModeratorPutsABannerUpForACategoryAndTakesItDown()
    {
        var topicId = await ForumWithTopicAsync();
        var moderator = await WebClientAsync("mod");
        var visitor = Forum.CreateClient();
        const string console = "/moderation/announcement";

        var published = await PostFormAsync(moderator, console, console + "?handler=Publish", new()
        {
            ["text"] = "Launch **party** tonight",
            ["until"] = DateTime.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm", System.Globalization.CultureInfo.InvariantCulture),
            ["only"] = "news",
        });
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        Assert.Contains("The announcement is up.", (await PageAsync(moderator, console)).QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("Launch party tonight", (await PageAsync(visitor, $"/t/{topicId}")).QuerySelector(".announcement-text")?.TextContent.Trim());
        Assert.Null((await PageAsync(visitor, "/")).QuerySelector(".announcement")); // not a page of that category

        var fan = await Forum.CreateClient().SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.Forbidden, (await Forum.CreateClient().SendAsync(HttpMethod.Put, "/api/announcements", fan, new { text = "Mine now" })).StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(moderator, console, console + "?handler=Withdraw", [])).StatusCode);
        Assert.Null((await PageAsync(visitor, $"/t/{topicId}")).QuerySelector(".announcement"));
    }
}

public sealed class SqliteAnnouncementPageTests() : AnnouncementPageTests(StorageEngine.Sqlite);

public sealed class PostgresAnnouncementPageTests() : AnnouncementPageTests(StorageEngine.Postgres);
