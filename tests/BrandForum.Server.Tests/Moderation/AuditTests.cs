using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Moderation;

public abstract class AuditTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task EveryModerationActAppearsWithWhoWhatAndWhy()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" });
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", fan)).JsonAsync()).GetProperty("memberId").GetString();
        var topic = await (await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "A topic here", body = "Hi" })).JsonAsync();
        var topicId = topic.GetProperty("topicId").GetString();
        var reply = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Oops" })).JsonAsync();
        await client.SendAsync(HttpMethod.Delete, $"/api/posts/{reply.GetProperty("postId").GetString()}", fan); // the author's own: not moderation
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/lock", admin);
        await client.SendAsync(HttpMethod.Delete, $"/api/posts/{topic.GetProperty("postId").GetString()}", admin);
        await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", admin, new { kind = "warn", reason = "Mind the tone" });

        var audit = await WaitForAsync(client, admin, "/api/moderation/audit", items => items.Count >= 5);
        var actions = audit.Select(i => i.GetProperty("action").GetString()).ToList();
        Assert.Equal(["impose-warn", "delete-post", "lock", "create-category", "grant-role"], actions); // the last: the bootstrap admin made admin
        Assert.Equal("Mind the tone", audit[0].GetProperty("reason").GetString());
        Assert.All(audit.Take(4), i => Assert.Equal("root", i.GetProperty("actor").GetProperty("userName").GetString()));

        var locks = await (await client.SendAsync(HttpMethod.Get, "/api/moderation/audit?action=lock&actor=root", admin)).JsonAsync();
        Assert.Equal(1, locks.GetProperty("total").GetInt64());
        Assert.Equal(0, (await (await client.SendAsync(HttpMethod.Get, "/api/moderation/audit?actor=fan", admin)).JsonAsync()).GetProperty("total").GetInt64());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/moderation/audit", fan)).StatusCode);
    }

    [Fact]
    public async Task RulesActsAreInTheTrailWithTheRuleAndRulebookVersion()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" });
        var fan = await client.SignUpAndInAsync("fan");
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "Rules at work", body = "Be kind" })).JsonAsync()).GetProperty("topicId").GetString();
        var held = (await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "What a moron" })).JsonAsync()).GetProperty("postId").GetString();
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Visit https://crypto-double.example/x" });
        await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{held}/decision", admin, new { decision = "approve", reason = "Fair enough" });

        var audit = await WaitForAsync(client, admin, "/api/moderation/audit", items => items.Count >= 5);
        var byAction = audit.ToDictionary(i => i.GetProperty("action").GetString()!, i => i);
        Assert.Equal("rule insults-en · rulebook v0", byAction["rule-hold"].GetProperty("detail").GetString());
        Assert.Equal(JsonValueKind.Null, byAction["rule-hold"].GetProperty("actor").ValueKind);
        Assert.Equal("rule spam-domains · rulebook v0", byAction["rule-reject"].GetProperty("detail").GetString());
        Assert.Equal(("root", "Fair enough"), (byAction["review-approve"].GetProperty("actor").GetProperty("userName").GetString(), byAction["review-approve"].GetProperty("reason").GetString()));
    }

    /// <summary>The trail is an async projection: it follows the log within moments.</summary>
    private static async Task<IReadOnlyList<JsonElement>> WaitForAsync(HttpClient client, Tokens reader, string url, Func<IReadOnlyList<JsonElement>, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var items = (await (await client.SendAsync(HttpMethod.Get, url, reader)).JsonAsync()).GetProperty("items").EnumerateArray().ToList();
            if (done(items) || attempt == 100)
            {
                return items;
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteAuditTests() : AuditTests(StorageEngine.Sqlite);

public sealed class PostgresAuditTests() : AuditTests(StorageEngine.Postgres);
