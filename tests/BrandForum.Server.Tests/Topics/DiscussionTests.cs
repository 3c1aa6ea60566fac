using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Topics;

public abstract class DiscussionTests(StorageEngine engine) : ForumTest(engine)
{
    private const string AdminPassword = "the admin's own passphrase";

    [Fact]
    public async Task StartsATopicInACategoryAndShowsItRendered()
    {
        var (client, _, member) = await ForumWithCategoryAsync();

        var started = await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Launch day!", body = "We **launched** <script>alert(1)</script> [x](javascript:alert(1))" });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var ids = await started.JsonAsync();
        Assert.Equal("published", ids.GetProperty("status").GetString());
        var topicId = ids.GetProperty("topicId").GetString();
        var page = await (await client.GetAsync(new Uri($"/api/topics/{topicId}", UriKind.Relative))).JsonAsync();
        Assert.Equal("Launch day!", page.GetProperty("title").GetString());
        Assert.Equal(1, page.GetProperty("totalPosts").GetInt32());
        var post = page.GetProperty("posts")[0];
        Assert.Equal(1, post.GetProperty("number").GetInt32());
        Assert.Equal("fan", post.GetProperty("author").GetProperty("userName").GetString());
        var html = post.GetProperty("html").GetString()!;
        Assert.Contains("<strong>launched</strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("javascript:", html, StringComparison.OrdinalIgnoreCase);

        var categories = await (await client.GetAsync(new Uri("/api/categories", UriKind.Relative))).JsonAsync();
        Assert.Equal(1, categories[0].GetProperty("topicCount").GetInt64());
        var list = await (await client.GetAsync(new Uri("/api/categories/news/topics", UriKind.Relative))).JsonAsync();
        Assert.Equal(1, list.GetProperty("total").GetInt64());
        Assert.Equal("Launch day!", list.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task RepliesGetTheNextNumberAndMayQuoteAPostOfTheTopic()
    {
        var (client, _, member) = await ForumWithCategoryAsync();
        var ids = await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Questions", body = "Ask here." })).JsonAsync();
        var topicId = ids.GetProperty("topicId").GetString();

        var reply = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "First question", replyTo = ids.GetProperty("postId").GetString() });
        var wrongQuote = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "x", replyTo = Guid.NewGuid() });

        Assert.Equal(HttpStatusCode.Created, reply.StatusCode);
        Assert.Equal(2, (await reply.JsonAsync()).GetProperty("number").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, wrongQuote.StatusCode);
        Assert.Equal("post-not-found", (await wrongQuote.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AnswersBadRequestsWithTheRightProblem()
    {
        var (client, _, member) = await ForumWithCategoryAsync();
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "A fine topic", body = "Body" })).JsonAsync()).GetProperty("topicId").GetString();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, "/api/topics", null, new { category = "news", title = "Anonymous", body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "nope", title = "Nowhere topic", body = "x" })).StatusCode);
        var shortTitle = await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Hi", body = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, shortTitle.StatusCode);
        Assert.True((await shortTitle.JsonAsync()).GetProperty("errors").TryGetProperty("title", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "   " })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = new string('b', 32_001) })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{Guid.NewGuid()}/posts", member, new { body = "Hello" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/topics/{Guid.NewGuid()}", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/categories/nope/topics", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, "/api/categories", member, new { slug = "mine", name = "Mine" })).StatusCode);
    }

    [Fact]
    public async Task SixteenAuthorsReplyingAtOnceToOneTopicLoseNoNumber()
    {
        var (client, _, member) = await ForumWithCategoryAsync();
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Hot topic", body = "Go!" })).JsonAsync()).GetProperty("topicId").GetString();

        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = $"Reply {i}" })));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<int>();
        foreach (var reply in replies)
        {
            numbers.Add((await reply.JsonAsync()).GetProperty("number").GetInt32());
        }

        Assert.Equal(Enumerable.Range(2, 16), numbers.Order());
        Assert.Equal(17, (await (await client.GetAsync(new Uri($"/api/topics/{topicId}", UriKind.Relative))).JsonAsync()).GetProperty("totalPosts").GetInt32());
    }

    private async Task<(HttpClient Client, Tokens Admin, Tokens Member)> ForumWithCategoryAsync()
    {
        Forum.Settings["Forum:Bootstrap:AdminEmail"] = "root@example.com";
        Forum.Settings["Forum:Bootstrap:AdminUserName"] = "root";
        Forum.Settings["Forum:Bootstrap:AdminPassword"] = AdminPassword;
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", AdminPassword);
        var created = await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News", description = "What's new" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (client, admin, await client.SignUpAndInAsync("fan"));
    }
}

public sealed class SqliteDiscussionTests() : DiscussionTests(StorageEngine.Sqlite);

public sealed class PostgresDiscussionTests() : DiscussionTests(StorageEngine.Postgres);
