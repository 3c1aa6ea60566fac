using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Moderation;

/// <summary>Rules acting on posts, flags, the review queue with claims and decisions, and slow mode, through the API (default rulebook).</summary>
public abstract class ReviewApiTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task AHeldReplyIsSeenOnlyByItsAuthorAndStaffUntilApprovedThenPublishedWithTheNextNumber()
    {
        var (client, _, moderator, topicId) = await StaffForum.StartAsync(Forum);
        var fan = await client.SignUpAndInAsync("fan");
        var reader = await client.SignUpAndInAsync("reader");

        var held = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "You are an idiot." });
        var answer = await held.JsonAsync();
        Assert.Equal((HttpStatusCode.Created, "held"), (held.StatusCode, answer.GetProperty("status").GetString()));
        Assert.Contains("relu", answer.GetProperty("message").GetString(), StringComparison.Ordinal); // "idiot" is in the French list too, listed first
        var postId = answer.GetProperty("postId").GetString();

        var forReader = await PageAsync(client, topicId, reader);
        var forAnonymous = await PageAsync(client, topicId, null);
        var forAuthor = await PageAsync(client, topicId, fan);
        var forModerator = await PageAsync(client, topicId, moderator);
        Assert.Equal(1, forReader.GetProperty("posts").GetArrayLength());
        Assert.DoesNotContain("idiot", forReader.GetRawText() + forAnonymous.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(postId, forAuthor.GetProperty("heldPosts")[0].GetProperty("postId").GetString());
        Assert.Equal(postId, forModerator.GetProperty("heldPosts")[0].GetProperty("postId").GetString());

        var queue = await (await client.SendAsync(HttpMethod.Get, "/api/moderation/queue", moderator)).JsonAsync();
        var item = queue.GetProperty("items")[0];
        Assert.Equal(("held", postId, "fan"), (item.GetProperty("kind").GetString(), item.GetProperty("postId").GetString(), item.GetProperty("author").GetProperty("userName").GetString()));
        Assert.Equal(["insults-fr", "insults-en"], item.GetProperty("reasons")[0].GetProperty("rules").EnumerateArray().Select(r => r.GetString()));

        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", reader, new { body = "Meanwhile, a calm reply." });
        var decided = await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", moderator, new { decision = "approve", reason = "Banter between friends" });
        Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);

        var after = await PageAsync(client, topicId, reader);
        Assert.Equal(3, after.GetProperty("totalPosts").GetInt32());
        Assert.Equal((postId, 3), (after.GetProperty("posts")[2].GetProperty("postId").GetString(), after.GetProperty("posts")[2].GetProperty("number").GetInt32()));
        Assert.Equal(0, (await (await client.SendAsync(HttpMethod.Get, "/api/moderation/queue", moderator)).JsonAsync()).GetProperty("total").GetInt64());

        // The moderator's decision stands: the same rule does not hold the post again when it is edited.
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}", fan, new { body = "You are an idiot, friend." })).StatusCode);
        Assert.Contains("friend", (await PageAsync(client, topicId, reader)).GetProperty("posts")[2].GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARejectedHeldTopicNeverAppearsAndASpamLinkIsRefusedOutright()
    {
        var (client, _, moderator, _) = await StaffForum.StartAsync(Forum);
        var fan = await client.SignUpAndInAsync("fan");
        var reader = await client.SignUpAndInAsync("reader");
        var started = await (await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Look at this", body = "Ce crétin de vendeur !" })).JsonAsync();
        Assert.Equal("held", started.GetProperty("status").GetString());
        var topicId = started.GetProperty("topicId").GetString();

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", reader)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", fan)).StatusCode);
        Assert.DoesNotContain(await TitlesAsync(client, reader), t => t == "Look at this");
        Assert.Contains(await TitlesAsync(client, fan), t => t == "Look at this");
        var reply = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", reader, new { body = "First!" });
        Assert.Equal(HttpStatusCode.Conflict, reply.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{started.GetProperty("postId").GetString()}/decision", moderator, new { decision = "reject", reason = "Insult" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", fan)).StatusCode);

        var spam = await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Easy money", body = "Go to https://bit-cash.example/now" });
        var problem = await spam.JsonAsync();
        Assert.Equal((HttpStatusCode.UnprocessableEntity, "rejected-by-rule"), (spam.StatusCode, problem.GetProperty("code").GetString()));
        Assert.Contains("not allowed", problem.GetProperty("title").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(await TitlesAsync(client, fan), t => t == "Easy money");
    }

    [Fact]
    public async Task FlagsReachingTheThresholdHideThePostUntilAModeratorDecides()
    {
        var (client, _, moderator, topicId) = await StaffForum.StartAsync(Forum);
        var author = await client.SignUpAndInAsync("author");
        var reply = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", author, new { body = "Buy my course, it changed my life." })).JsonAsync();
        var postId = reply.GetProperty("postId").GetString();
        var flaggers = new List<Tokens>();
        foreach (var name in new[] { "ann", "ben", "cat", "dan" })
        {
            flaggers.Add(await client.SignUpAndInAsync(name));
        }

        // Bootstrap mode (under 50 members): everyone is trust level 1, so each flag weighs 2; the threshold is 8.
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", flaggers[i], new { reason = "spam" })).StatusCode);
        }

        Assert.False((await PageAsync(client, topicId, null)).GetProperty("posts")[1].GetProperty("hidden").GetBoolean());
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", flaggers[3], new { reason = "other", note = "Selling" })).StatusCode);

        var seenByOthers = (await PageAsync(client, topicId, flaggers[0])).GetProperty("posts")[1];
        Assert.True(seenByOthers.GetProperty("hidden").GetBoolean());
        Assert.Equal(JsonValueKind.Null, seenByOthers.GetProperty("html").ValueKind);
        Assert.Equal(JsonValueKind.Null, (await PageAsync(client, topicId, null)).GetProperty("posts")[1].GetProperty("html").ValueKind);
        var seenByAuthor = (await PageAsync(client, topicId, author)).GetProperty("posts")[1];
        Assert.Contains("course", seenByAuthor.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("flagged", seenByAuthor.GetProperty("hiddenReason").GetString(), StringComparison.Ordinal);

        var item = (await (await client.SendAsync(HttpMethod.Get, $"/api/moderation/queue/{postId}", moderator)).JsonAsync());
        Assert.Equal(("flagged", true, 8.0), (item.GetProperty("item").GetProperty("kind").GetString(), item.GetProperty("item").GetProperty("hidden").GetBoolean(), item.GetProperty("item").GetProperty("score").GetDouble()));
        Assert.Equal(5, item.GetProperty("item").GetProperty("reasons").GetArrayLength()); // four flags, then the hiding
        Assert.Equal("author", item.GetProperty("author").GetProperty("userName").GetString());
        Assert.Equal(1, item.GetProperty("author").GetProperty("trustLevel").GetInt32());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", moderator, new { decision = "hide", reason = "Advertising" })).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await PageAsync(client, topicId, flaggers[0])).GetProperty("posts")[1].GetProperty("html").ValueKind);
        Assert.Equal("Advertising", (await PageAsync(client, topicId, author)).GetProperty("posts")[1].GetProperty("hiddenReason").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/moderation/queue/{postId}", moderator)).StatusCode);
    }

    [Fact]
    public async Task ApprovingAFlaggedPostShowsItAgainAndADecisionCanSanctionTheAuthor()
    {
        var (client, _, moderator, topicId) = await StaffForum.StartAsync(Forum);
        var author = await client.SignUpAndInAsync("author");
        var flagger = await client.SignUpAndInAsync("flagger");
        var another = await client.SignUpAndInAsync("another");
        var first = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", author, new { body = "An honest opinion." })).JsonAsync();
        var second = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", author, new { body = "A second honest opinion." })).JsonAsync();
        await client.SendAsync(HttpMethod.Post, $"/api/posts/{first.GetProperty("postId").GetString()}/flags", moderator, new { reason = "inappropriate" });
        await client.SendAsync(HttpMethod.Post, $"/api/posts/{first.GetProperty("postId").GetString()}/flags", flagger, new { reason = "inappropriate" });
        await client.SendAsync(HttpMethod.Post, $"/api/posts/{first.GetProperty("postId").GetString()}/flags", another, new { reason = "inappropriate" }); // 5 + 2 + 2 ≥ 8
        Assert.True((await PageAsync(client, topicId, null)).GetProperty("posts")[1].GetProperty("hidden").GetBoolean());

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{first.GetProperty("postId").GetString()}/decision", moderator, new { decision = "approve" })).StatusCode);
        Assert.False((await PageAsync(client, topicId, null)).GetProperty("posts")[1].GetProperty("hidden").GetBoolean());

        await client.SendAsync(HttpMethod.Post, $"/api/posts/{second.GetProperty("postId").GetString()}/flags", flagger, new { reason = "harassment" });
        var decided = await client.SendAsync(
            HttpMethod.Post, $"/api/moderation/queue/{second.GetProperty("postId").GetString()}/decision", moderator,
            new { decision = "reject", reason = "Harassment", sanction = new { kind = "silence", hours = 24, reason = "Harassing a member" } });
        Assert.Equal(HttpStatusCode.NoContent, decided.StatusCode);
        Assert.True((await PageAsync(client, topicId, null)).GetProperty("posts")[2].GetProperty("deleted").GetBoolean());
        var silenced = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", author, new { body = "Let me explain." });
        Assert.Equal("member-silenced", (await silenced.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task AClaimKeepsOtherModeratorsOffUntilReleased()
    {
        var (client, admin, moderator, topicId) = await StaffForum.StartAsync(Forum);
        var fan = await client.SignUpAndInAsync("fan");
        var postId = (await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "What a moron." })).JsonAsync()).GetProperty("postId").GetString();

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/claim", moderator)).StatusCode);
        var claimed = (await (await client.SendAsync(HttpMethod.Get, "/api/moderation/queue", admin)).JsonAsync()).GetProperty("items")[0];
        Assert.Equal("mod", claimed.GetProperty("claimedBy").GetProperty("userName").GetString());
        var refused = await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", admin, new { decision = "reject" });
        Assert.Equal((HttpStatusCode.Conflict, "claimed-by-another"), (refused.StatusCode, (await refused.JsonAsync()).GetProperty("code").GetString()));
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/claim", admin)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/moderation/queue/{postId}/claim", moderator)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", admin, new { decision = "reject" })).StatusCode);
        var twice = await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", moderator, new { decision = "approve" });
        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
    }

    [Fact]
    public async Task SlowModeSpacesAMembersPostsInATopicOrACategory()
    {
        var (client, admin, moderator, topicId) = await StaffForum.StartAsync(Forum);
        var fan = await client.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/slow-mode", moderator, new { seconds = 120 })).StatusCode);
        Assert.Equal(120, (await PageAsync(client, topicId, fan)).GetProperty("slowModeSeconds").GetInt32());

        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "One thought." })).StatusCode);
        var tooSoon = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Another thought." });
        Assert.Equal((HttpStatusCode.TooManyRequests, "slow-mode"), (tooSoon.StatusCode, (await tooSoon.JsonAsync()).GetProperty("code").GetString()));
        Assert.True(tooSoon.Headers.RetryAfter?.Delta > TimeSpan.FromSeconds(100));
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", moderator, new { body = "Staff are exempt." })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", moderator, new { body = "Still exempt." })).StatusCode);

        await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/slow-mode", moderator, new { seconds = 0 });
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Free again." })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, "/api/categories/news/slow-mode", moderator, new { seconds = 60 })).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Category slow." })).StatusCode);

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/slow-mode", fan, new { seconds = 10 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/slow-mode", moderator, new { seconds = -5 })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, "/api/categories/news/slow-mode", admin, new { })).StatusCode);
    }

    [Fact]
    public async Task BadFlagsAndDecisionsGetClearProblems()
    {
        var (client, _, moderator, topicId) = await StaffForum.StartAsync(Forum);
        var fan = await client.SignUpAndInAsync("fan");
        var other = await client.SignUpAndInAsync("other");
        var postId = (await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Hello there." })).JsonAsync()).GetProperty("postId").GetString();

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", other, new { reason = "ugly" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", other, new { reason = "other" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", other, new { reason = "spam", note = new string('n', 501) })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", fan, new { reason = "spam" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{Guid.NewGuid()}/flags", other, new { reason = "spam" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", null, new { reason = "spam" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", other, new { reason = "off-topic" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/posts/{postId}/flags", other, new { reason = "off-topic" })).StatusCode); // once each: no second weight

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", moderator, new { decision = "Approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", moderator, new { decision = "approve", sanction = new { kind = "exile" } })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{Guid.NewGuid()}/decision", moderator, new { decision = "approve" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", other, new { decision = "approve" })).StatusCode);
        var queue = await (await client.SendAsync(HttpMethod.Get, "/api/moderation/queue", moderator)).JsonAsync();
        Assert.Equal(2.0, queue.GetProperty("items")[0].GetProperty("score").GetDouble());
    }

    private static async Task<JsonElement> PageAsync(HttpClient client, string topicId, Tokens? who)
    {
        var response = await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", who);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.JsonAsync();
    }

    private static async Task<IReadOnlyList<string?>> TitlesAsync(HttpClient client, Tokens who) =>
        [.. (await (await client.SendAsync(HttpMethod.Get, "/api/categories/news/topics", who)).JsonAsync()).GetProperty("items").EnumerateArray().Select(t => t.GetProperty("title").GetString())];
}

public sealed class SqliteReviewApiTests() : ReviewApiTests(StorageEngine.Sqlite);

public sealed class PostgresReviewApiTests() : ReviewApiTests(StorageEngine.Postgres);
