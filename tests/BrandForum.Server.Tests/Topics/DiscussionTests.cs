using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Topics;

public abstract class DiscussionTests(StorageEngine engine) : ForumTest(engine)
{
    private const string AdminPassword = ForumFactory.AdminPassword;

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
        var (client, admin, member) = await ForumWithCategoryAsync();
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Hot topic", body = "Go!" })).JsonAsync()).GetProperty("topicId").GetString();

        // Sent by staff: from a member, the default rulebook's posting-burst rule would rightly hold the 10th reply in 5 minutes.
        var replies = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = $"Reply {i}" })));

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var numbers = new List<int>();
        foreach (var reply in replies)
        {
            numbers.Add((await reply.JsonAsync()).GetProperty("number").GetInt32());
        }

        Assert.Equal(Enumerable.Range(2, 16), numbers.Order());
        Assert.Equal(17, (await (await client.GetAsync(new Uri($"/api/topics/{topicId}", UriKind.Relative))).JsonAsync()).GetProperty("totalPosts").GetInt32());
    }

    [Fact]
    public async Task AuthorsEditAndDeleteTheirPostsAndStaffModerate()
    {
        var (client, admin, member) = await ForumWithCategoryAsync();
        var other = await client.SignUpAndInAsync("other");
        var ids = await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Editable", body = "First *draft*" })).JsonAsync();
        var (topicId, postId) = (ids.GetProperty("topicId").GetString(), ids.GetProperty("postId").GetString());

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}", member, new { body = "Final **text**", reason = "typo" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}", other, new { body = "Hijacked" })).StatusCode);
        var edited = (await Page(client, topicId)).GetProperty("posts")[0];
        Assert.Contains("<strong>text</strong>", edited.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, edited.GetProperty("editedAt").ValueKind);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{postId}", member)).StatusCode);
        var deleted = (await Page(client, topicId)).GetProperty("posts")[0];
        Assert.True(deleted.GetProperty("deleted").GetBoolean());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, deleted.GetProperty("html").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}", member, new { body = "Back?" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/restore", member)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/restore", admin)).StatusCode);
        Assert.False((await Page(client, topicId)).GetProperty("posts")[0].GetProperty("deleted").GetBoolean());
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{Guid.NewGuid()}", member)).StatusCode);
    }

    [Fact]
    public async Task StaffLockPinAndMoveTopicsAndALockedTopicRefusesReplies()
    {
        var (client, admin, member) = await ForumWithCategoryAsync();
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "support", name = "Support" });
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Lock me", body = "x" })).JsonAsync()).GetProperty("topicId").GetString();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/lock", member)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/lock", admin)).StatusCode);
        var refused = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "Let me in" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("topic-locked", (await refused.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/pin", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/move", admin, new { category = "nowhere" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/move", admin, new { category = "support" })).StatusCode);

        var page = await Page(client, topicId);
        Assert.True(page.GetProperty("locked").GetBoolean());
        Assert.True(page.GetProperty("pinned").GetBoolean());
        Assert.Equal("support", page.GetProperty("category").GetString());
        Assert.Equal(1, (await (await client.GetAsync(new Uri("/api/categories/support/topics", UriKind.Relative))).JsonAsync()).GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task MembersReactOncePerKindAndSeeTheCounts()
    {
        var (client, admin, member) = await ForumWithCategoryAsync();
        var ids = await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "React to me", body = "x" })).JsonAsync();
        var (topicId, postId) = (ids.GetProperty("topicId").GetString(), ids.GetProperty("postId").GetString());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/like", member)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/like", member)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/like", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/love", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/angry", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{postId}/reactions/love", admin)).StatusCode);

        var reactions = (await Page(client, topicId)).GetProperty("posts")[0].GetProperty("reactions");
        Assert.Equal(2, reactions.GetProperty("like").GetInt32());
        Assert.False(reactions.TryGetProperty("love", out _));
    }

    [Fact]
    public async Task KeepsEveryRevisionWithWhoWhenAndWhy()
    {
        var (client, admin, member) = await ForumWithCategoryAsync();
        var postId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Revised", body = "v1" })).JsonAsync()).GetProperty("postId").GetString();
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}", member, new { body = "v2", reason = "typo" });
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}", admin, new { body = "v3", reason = "rule 3" });

        var revisions = (await (await client.GetAsync(new Uri($"/api/posts/{postId}/revisions", UriKind.Relative))).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(["v1", "v2", "v3"], revisions.Select(r => r.GetProperty("body").GetString()));
        Assert.Equal("rule 3", revisions[2].GetProperty("reason").GetString());
        Assert.Equal("root", revisions[2].GetProperty("editor").GetProperty("userName").GetString());
        await client.SendAsync(HttpMethod.Delete, $"/api/posts/{postId}", member);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/api/posts/{postId}/revisions", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/api/posts/{postId}/revisions", admin)).StatusCode);
    }

    [Fact]
    public async Task TracksWhatEachMemberReadAndCountsTheUnread()
    {
        var (client, _, member) = await ForumWithCategoryAsync();
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Long read", body = "1" })).JsonAsync()).GetProperty("topicId").GetString();
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "2" });
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "3" });

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/read", member, new { lastReadPostNumber = 2 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/read", member, new { lastReadPostNumber = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{Guid.NewGuid()}/read", member, new { lastReadPostNumber = 1 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/read", member, new { lastReadPostNumber = -1 })).StatusCode);

        var mine = await (await client.SendAsync(HttpMethod.Get, "/api/categories/news/topics", member)).JsonAsync();
        var anonymous = await (await client.GetAsync(new Uri("/api/categories/news/topics", UriKind.Relative))).JsonAsync();
        Assert.Equal(1, mine.GetProperty("items")[0].GetProperty("unread").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, anonymous.GetProperty("items")[0].GetProperty("unread").ValueKind);
    }

    [Fact]
    public async Task PacesNewMembersPostsButNotStaff()
    {
        Forum.Settings["Forum:RateLimits:Enabled"] = "true";
        var (client, admin, member) = await ForumWithCategoryAsync();
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Paced topic", body = "first" })).JsonAsync()).GetProperty("topicId").GetString();

        var tooFast = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "second, right away" });
        var anotherTopic = await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "news", title = "Another one", body = "x" });
        var staff1 = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "staff note 1" });
        var staff2 = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "staff note 2" });

        Assert.Equal(HttpStatusCode.TooManyRequests, tooFast.StatusCode);
        Assert.Equal("posting-too-fast", (await tooFast.JsonAsync()).GetProperty("code").GetString());
        // A member who joined today waits three times the usual 5 seconds.
        Assert.InRange(int.Parse(tooFast.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 6, 15);
        Assert.Equal(HttpStatusCode.TooManyRequests, anotherTopic.StatusCode);
        Assert.Equal(HttpStatusCode.Created, staff1.StatusCode);
        Assert.Equal(HttpStatusCode.Created, staff2.StatusCode);
    }

    private static async Task<System.Text.Json.JsonElement> Page(HttpClient client, string? topicId) =>
        await (await client.GetAsync(new Uri($"/api/topics/{topicId}", UriKind.Relative))).JsonAsync();

    private async Task<(HttpClient Client, Tokens Admin, Tokens Member)> ForumWithCategoryAsync()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", AdminPassword);
        var created = await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News", description = "What's new" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (client, admin, await client.SignUpAndInAsync("fan"));
    }
}

public sealed class SqliteDiscussionTests() : DiscussionTests(StorageEngine.Sqlite);

public sealed class PostgresDiscussionTests() : DiscussionTests(StorageEngine.Postgres);
