using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Topics;

/// <summary>Admins shape categories; a private category, its topics, posts and search hits exist only for the roles it lets in.</summary>
public abstract class CategoryAccessTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task APrivateCategoryIsInvisibleToThoseItDoesNotLetIn()
    {
        var (client, admin) = await ForumAsync();
        await CreateAsync(client, admin, new { slug = "lounge", name = "Ambassadors' lounge", access = new[] { "Ambassador" } });
        var topicId = await StartAsync(client, admin, "lounge", "Secret launch plans", "The zanzibar campaign starts Monday.");
        var fan = await client.SignUpAndInAsync("fan");
        var ambassador = await client.SignUpAndInAsync("amba");
        await GrantAsync(client, admin, ambassador, "Ambassador");

        foreach (var outsider in new[] { null, fan })
        {
            Assert.DoesNotContain("lounge", await SlugsAsync(client, outsider));
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, "/api/categories/lounge/topics", outsider)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", outsider)).StatusCode);
            Assert.Equal(0, (await (await client.SendAsync(HttpMethod.Get, "/api/search?q=zanzibar", outsider)).JsonAsync()).GetProperty("total").GetInt64());
        }

        var reply = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Let me in" });
        var start = await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "lounge", title = "Gate crash", body = "Hi" });
        var postId = (await (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", admin)).JsonAsync()).GetProperty("posts")[0].GetProperty("postId").GetString();
        var react = await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/like", fan);
        var history = await client.SendAsync(HttpMethod.Get, $"/api/posts/{postId}/revisions", fan);
        Assert.Equal(HttpStatusCode.NotFound, reply.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal((HttpStatusCode.NotFound, "post-not-found"), (react.StatusCode, (await react.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.NotFound, history.StatusCode);

        Assert.Contains("lounge", await SlugsAsync(client, ambassador));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", ambassador)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", ambassador, new { body = "Count me in" })).StatusCode);
        Assert.Equal(1, (await (await client.SendAsync(HttpMethod.Get, "/api/search?q=zanzibar", ambassador)).JsonAsync()).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task MembersOnlyMeansAnyoneSignedIn()
    {
        var (client, admin) = await ForumAsync();
        await CreateAsync(client, admin, new { slug = "members", name = "Members only", access = new[] { "Member" } });
        var fan = await client.SignUpAndInAsync("fan");

        Assert.DoesNotContain("members", await SlugsAsync(client, null));
        Assert.Contains("members", await SlugsAsync(client, fan));
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "members", title = "Hello all", body = "Hi" })).StatusCode);
    }

    [Fact]
    public async Task AdminsEditOrderArchiveAndReopenCategories()
    {
        var (client, admin) = await ForumAsync();
        foreach (var slug in new[] { "news", "help", "ideas" })
        {
            await CreateAsync(client, admin, new { slug, name = slug.ToUpperInvariant() });
        }

        var edited = await client.SendAsync(HttpMethod.Put, "/api/categories/help", admin, new { name = "Help & support", description = "Ask away", color = "#AA0000", access = Array.Empty<string>() });
        var ordered = await client.SendAsync(HttpMethod.Put, "/api/categories/order", admin, new { slugs = new[] { "ideas", "news", "help" } });
        var partial = await client.SendAsync(HttpMethod.Put, "/api/categories/order", admin, new { slugs = new[] { "ideas", "news" } });
        Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ordered.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, partial.StatusCode);
        var list = await (await client.SendAsync(HttpMethod.Get, "/api/categories", null)).JsonAsync();
        Assert.Equal(["ideas", "news", "help"], list.EnumerateArray().Select(c => c.GetProperty("slug").GetString()));
        Assert.Equal(("Help & support", "#aa0000"), (list[2].GetProperty("name").GetString(), list[2].GetProperty("color").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, "/api/categories/news/archive", admin)).StatusCode);
        var fan = await client.SignUpAndInAsync("fan");
        var inArchived = await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Too late", body = "x" });
        var editArchived = await client.SendAsync(HttpMethod.Put, "/api/categories/news", admin, new { name = "Old news" });
        Assert.Equal(HttpStatusCode.Conflict, inArchived.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, editArchived.StatusCode);
        Assert.DoesNotContain("news", await SlugsAsync(client, admin));
        Assert.Contains("news", (await (await client.SendAsync(HttpMethod.Get, "/api/categories?archived=true", admin)).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("slug").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, "/api/categories/news/reopen", admin)).StatusCode);
        Assert.Contains("news", await SlugsAsync(client, null));
    }

    [Fact]
    public async Task RefusesBadCategoryInputAndNonAdmins()
    {
        var (client, admin) = await ForumAsync();
        await CreateAsync(client, admin, new { slug = "news", name = "News" });
        var fan = await client.SignUpAndInAsync("fan");

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "Bad Slug", name = "x" })).StatusCode);
        Assert.Equal("invalid-access", (await (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "vip", name = "VIP", access = new[] { "Wizard" } })).JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, "/api/categories/news", admin, new { name = "News", color = "red" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Put, "/api/categories/nope", admin, new { name = "Nope" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "Again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, "/api/categories/news", fan, new { name = "Mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, "/api/categories/news/archive", fan)).StatusCode);
    }

    [Fact]
    public async Task MentionsAreRecordedForTheMentionedMemberAndRespectAccess()
    {
        var (client, admin) = await ForumAsync();
        await CreateAsync(client, admin, new { slug = "news", name = "News" });
        await CreateAsync(client, admin, new { slug = "staff", name = "Staff room", access = new[] { "Moderator" } });
        var alice = await client.SignUpAndInAsync("alice");
        var bob = await client.SignUpAndInAsync("bob");
        var topicId = await StartAsync(client, alice, "news", "Ideas for the launch", "What do you think @Bob? And `@bob` in code does not count.");
        await StartAsync(client, admin, "staff", "Moderation notes", "Keep an eye on @bob please");
        var reply = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", alice, new { body = "Plain reply" })).JsonAsync();
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{reply.GetProperty("postId").GetString()}", alice, new { body = "Plain reply, cc @bob and @bob again" });

        var mentions = await (await client.SendAsync(HttpMethod.Get, "/api/me/mentions", bob)).JsonAsync();

        Assert.Equal(2, mentions.GetProperty("total").GetInt64());
        Assert.Equal([2, 1], mentions.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("number").GetInt32()));
        Assert.All(mentions.GetProperty("items").EnumerateArray(), m => Assert.Equal("alice", m.GetProperty("author").GetProperty("userName").GetString()));
        Assert.Equal(0, (await (await client.SendAsync(HttpMethod.Get, "/api/me/mentions", alice)).JsonAsync()).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/me/mentions", null)).StatusCode);
    }

    [Fact]
    public async Task CategoriesCountUnreadTopicsForMembers()
    {
        var (client, admin) = await ForumAsync();
        await CreateAsync(client, admin, new { slug = "news", name = "News" });
        var fan = await client.SignUpAndInAsync("fan");
        var first = await StartAsync(client, admin, "news", "First topic", "One");
        await StartAsync(client, admin, "news", "Second topic", "Two");

        Assert.Equal(2, (await NewsAsync(client, fan)).GetProperty("unreadTopics").GetInt64());
        Assert.Equal(JsonValueKindNull, (await NewsAsync(client, null)).GetProperty("unreadTopics").ValueKind);
        await client.SendAsync(HttpMethod.Put, $"/api/topics/{first}/read", fan, new { lastReadPostNumber = 1 });
        Assert.Equal(1, (await NewsAsync(client, fan)).GetProperty("unreadTopics").GetInt64());
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{first}/posts", admin, new { body = "More news" });
        Assert.Equal(2, (await NewsAsync(client, fan)).GetProperty("unreadTopics").GetInt64());
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    private static async Task<System.Text.Json.JsonElement> NewsAsync(HttpClient client, Tokens? reader) =>
        (await (await client.SendAsync(HttpMethod.Get, "/api/categories", reader)).JsonAsync()).EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "news");

    private async Task<(HttpClient Client, Tokens Admin)> ForumAsync()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        return (client, await client.SignInAsync("root", ForumFactory.AdminPassword));
    }

    private static async Task CreateAsync(HttpClient client, Tokens admin, object category) =>
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, category)).StatusCode);

    private static async Task<string> StartAsync(HttpClient client, Tokens author, string category, string title, string body)
    {
        var started = await client.SendAsync(HttpMethod.Post, "/api/topics", author, new { category, title, body });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).GetProperty("topicId").GetString()!;
    }

    private static async Task GrantAsync(HttpClient client, Tokens admin, Tokens member, string role)
    {
        var memberId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", member)).JsonAsync()).GetProperty("memberId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/members/{memberId}/roles/{role}", admin)).StatusCode);
    }

    private static async Task<string?[]> SlugsAsync(HttpClient client, Tokens? reader) =>
        [.. (await (await client.SendAsync(HttpMethod.Get, "/api/categories", reader)).JsonAsync()).EnumerateArray().Select(c => c.GetProperty("slug").GetString())];
}

public sealed class SqliteCategoryAccessTests() : CategoryAccessTests(StorageEngine.Sqlite);

public sealed class PostgresCategoryAccessTests() : CategoryAccessTests(StorageEngine.Postgres);
