using System.Globalization;
using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Pages;

/// <summary>The topic page's contest forms: a moderator sets the deadline, then picks a winner among the entries.</summary>
public abstract class ContestPageTests(StorageEngine engine) : StaffPagesTest(engine)
{
    [Fact]
    public async Task AModeratorSetsAContestOnTheTopicPageAndPicksTheWinner()
    {
        var topicId = await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var fan = await api.SignUpAndInAsync("fan");
        var moderator = await WebClientAsync("mod");
        var topic = $"/t/{topicId}";
        var deadline = DateTime.UtcNow.AddSeconds(3);

        var set = await PostFormAsync(moderator, topic, topic + "?handler=Contest", new() { ["deadline"] = deadline.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        var reply = await (await api.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "My entry: the sunset ride." })).JsonAsync();
        var open = await PageAsync(moderator, topic);
        Assert.Contains("Replies are entries until", open.QuerySelector(".contest")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(open.QuerySelectorAll("form[action*='handler=Winner']")); // not before the deadline

        await Task.Delay(deadline - DateTime.UtcNow + TimeSpan.FromMilliseconds(300));

        var closed = await PageAsync(moderator, topic);
        var pick = Assert.Single(closed.QuerySelectorAll("form[action*='handler=Winner']"));
        Assert.Equal(reply.GetProperty("postId").GetString(), pick.QuerySelector("input[name=postId]")!.GetAttribute("value"));
        var picked = await PostFormAsync(moderator, topic, topic + "?handler=Winner", new() { ["postId"] = reply.GetProperty("postId").GetString()! });
        Assert.Equal(HttpStatusCode.Redirect, picked.StatusCode);
        var decided = await PageAsync(moderator, topic);
        Assert.Contains("@fan (#2)", decided.QuerySelector(".contest")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Contest Winner badge", decided.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(decided.QuerySelectorAll("form[action*='handler=Winner']"));
    }
}

public sealed class SqliteContestPageTests() : ContestPageTests(StorageEngine.Sqlite);

public sealed class PostgresContestPageTests() : ContestPageTests(StorageEngine.Postgres);
