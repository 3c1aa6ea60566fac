using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Topics;

/// <summary>Topic pages are served from memory; every kind of change must show on the very next read.</summary>
public abstract class TopicPageCacheTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task NeverServesAPageOlderThanTheLastWrite()
    {
        var (client, admin, member) = await ForumAsync(Forum);
        var topic = await StartAsync(client, member);
        var first = (await CachedPageAsync(client, topic)).GetProperty("posts")[0].GetProperty("postId").GetString();

        var reply = (await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topic}/posts", member, new { body = "A **second** post" })).JsonAsync()).GetProperty("postId").GetString();
        var page = await CachedPageAsync(client, topic);
        Assert.Equal(2, page.GetProperty("totalPosts").GetInt32());
        Assert.Contains("<strong>second</strong>", page.GetProperty("posts")[1].GetProperty("html").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{reply}", member, new { body = "An edited post" })).StatusCode);
        Assert.Contains("An edited post", (await CachedPageAsync(client, topic)).GetProperty("posts")[1].GetProperty("html").GetString(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{first}/reactions/like", admin)).StatusCode);
        Assert.Equal(1, (await CachedPageAsync(client, topic)).GetProperty("posts")[0].GetProperty("reactions").GetProperty("like").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{reply}", member)).StatusCode);
        Assert.True((await CachedPageAsync(client, topic)).GetProperty("posts")[1].GetProperty("deleted").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topic}/lock", admin)).StatusCode);
        Assert.True((await CachedPageAsync(client, topic)).GetProperty("locked").GetBoolean());
    }

    [Fact]
    public async Task ForgetsAPageWhenAnotherNodeWritesToItsTopic()
    {
        using var other = new ForumFactory(Forum.Engine, Forum.ConnectionString);
        var (client, _, member) = await ForumAsync(Forum);
        var topic = await StartAsync(client, member);
        await CachedPageAsync(client, topic);

        var otherClient = other.CreateClient();
        var otherMember = await otherClient.SignInAsync("member");
        Assert.Equal(HttpStatusCode.Created, (await otherClient.SendAsync(HttpMethod.Post, $"/api/topics/{topic}/posts", otherMember, new { body = "From the other node" })).StatusCode);

        // The other node's write reaches this node through the log tail: soon, not at once.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while ((await CachedPageAsync(client, topic)).GetProperty("totalPosts").GetInt32() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Equal(2, (await CachedPageAsync(client, topic)).GetProperty("totalPosts").GetInt32());
    }

    /// <summary>Reads the page twice, so the second read comes from the cache when the first filled it.</summary>
    private static async Task<JsonElement> CachedPageAsync(HttpClient client, string topic)
    {
        await client.GetAsync(new Uri($"/api/topics/{topic}", UriKind.Relative));
        var response = await client.GetAsync(new Uri($"/api/topics/{topic}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static async Task<(HttpClient Client, Tokens Admin, Tokens Member)> ForumAsync(ForumFactory forum)
    {
        forum.WithBootstrapAdmin();
        var client = forum.CreateClient();
        var admin = await client.SignInAsync("root@example.com", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "general", name = "General" });
        return (client, admin, await client.SignUpAndInAsync("member"));
    }

    private static async Task<string> StartAsync(HttpClient client, Tokens member) =>
        (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "general", title = "Cached topic", body = "The first post" })).JsonAsync())
            .GetProperty("topicId").GetString()!;
}

public sealed class SqliteTopicPageCacheTests() : TopicPageCacheTests(StorageEngine.Sqlite);

public sealed class PostgresTopicPageCacheTests() : TopicPageCacheTests(StorageEngine.Postgres);
