using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Referrals;

namespace BrandForum.Server.Tests.Badges;

/// <summary>Next to a post's author, in the topic JSON and on the page: the badges worth showing and an active ambassador's tier.</summary>
public abstract class BadgeFlairTests : ForumTest
{
    protected BadgeFlairTests(StorageEngine engine)
        : base(engine) => Forum.WithBootstrapAdmin();

    [Fact]
    public async Task TopicsShowTheAuthorsBestBadgesAndAmbassadorTier()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        var fan = await client.SignUpAndInAsync("fan");
        var plain = await client.SignUpAndInAsync("plain");
        var fanId = await client.IdAsync(fan);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{fanId}", admin, new { tier = 2 })).StatusCode);
        foreach (var (badge, reason) in new[] { ("event-host", "Spring ride"), ("community-hero", "Saved the day"), ("event-host", "Autumn ride") })
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge, reason })).StatusCode);
        }

        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Sunday ride", body = "Who joins the river loop?" })).JsonAsync())
            .GetProperty("topicId").GetString();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", plain, new { body = "Count me in, see you there." })).StatusCode);
        for (var attempt = 0; attempt < 300 && !(await BadgesAsync(client)).Contains("first-post"); attempt++)
        {
            await Task.Delay(100); // async projection; the first read of the topic below comes after it
        }

        var posts = (await (await client.GetAsync(new Uri($"/api/topics/{topicId}", UriKind.Relative))).JsonAsync()).GetProperty("posts");
        var author = posts[0].GetProperty("author");
        Assert.Equal("Senior", author.GetProperty("ambassador").GetString());
        Assert.Equal(
            [("community-hero", "gold"), ("event-host", "silver")], // highest tier first, a multiple award once, First Post not shown
            author.GetProperty("badges").EnumerateArray().Select(b => (b.GetProperty("badge").GetString(), b.GetProperty("tier").GetString())));
        Assert.False(posts[1].GetProperty("author").TryGetProperty("ambassador", out _));
        Assert.False(posts[1].GetProperty("author").TryGetProperty("badges", out _)); // First Post only: nothing worth showing

        var page = await (await client.GetAsync(new Uri($"/t/{topicId}", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("<span class=\"flair ambassador\"", page, StringComparison.Ordinal);
        Assert.Contains(">Senior</span>", page, StringComparison.Ordinal);
        Assert.Contains(">Community Hero</span>", page, StringComparison.Ordinal);
    }

    private static async Task<List<string?>> BadgesAsync(HttpClient client) =>
        [.. (await (await client.GetAsync(new Uri("/api/members/fan/badges", UriKind.Relative))).JsonAsync()).EnumerateArray().Select(b => b.GetProperty("badge").GetString())];
}

public sealed class SqliteBadgeFlairTests() : BadgeFlairTests(StorageEngine.Sqlite);

public sealed class PostgresBadgeFlairTests() : BadgeFlairTests(StorageEngine.Postgres);
