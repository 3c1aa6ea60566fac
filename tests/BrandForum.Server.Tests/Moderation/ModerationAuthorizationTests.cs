using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Moderation;

/// <summary>Every moderation route against every kind of caller: only moderators and admins get past the door.</summary>
public abstract class ModerationAuthorizationTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task OnlyStaffReachModerationRoutes()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" });
        var member = await client.SignUpAndInAsync("member");
        var ambassador = await client.SignUpAndInAsync("amba");
        var moderator = await client.SignUpAndInAsync("moder");
        var target = await client.SignUpAndInAsync("target");
        await GrantAsync(client, admin, ambassador, "Ambassador");
        await GrantAsync(client, admin, moderator, "Moderator");
        var targetId = await IdAsync(client, target);
        var topic = await (await client.SendAsync(HttpMethod.Post, "/api/topics", target, new { category = "news", title = "Some topic", body = "Body" })).JsonAsync();
        var (topicId, postId) = (topic.GetProperty("topicId").GetString(), topic.GetProperty("postId").GetString());

        (HttpMethod Method, string Url, object? Body)[] routes =
        [
            (HttpMethod.Get, "/api/moderation/rulebook", null),
            (HttpMethod.Put, "/api/moderation/rulebook", new { yaml = "rules: []" }),
            (HttpMethod.Post, "/api/moderation/rulebook/backtest", new { yaml = "rules: []", days = 7 }),
            (HttpMethod.Get, "/api/moderation/audit", null),
            (HttpMethod.Get, $"/api/members/{targetId}/sanctions", null),
            (HttpMethod.Post, $"/api/members/{targetId}/sanctions", new { kind = "warn", reason = "Test" }),
            (HttpMethod.Delete, $"/api/members/{targetId}/sanctions/{Guid.NewGuid()}", null),
            (HttpMethod.Post, $"/api/moderation/appeals/{Guid.NewGuid()}/decision", new { decision = "uphold", reason = "x" }),
            (HttpMethod.Post, $"/api/topics/{topicId}/lock", null),
            (HttpMethod.Post, $"/api/topics/{topicId}/unlock", null),
            (HttpMethod.Post, $"/api/topics/{topicId}/pin", null),
            (HttpMethod.Post, $"/api/topics/{topicId}/unpin", null),
            (HttpMethod.Post, $"/api/topics/{topicId}/move", new { category = "news" }),
            (HttpMethod.Post, $"/api/posts/{postId}/restore", null),
            (HttpMethod.Get, "/api/moderation/queue", null),
            (HttpMethod.Get, $"/api/moderation/queue/{postId}", null),
            (HttpMethod.Post, $"/api/moderation/queue/{postId}/claim", null),
            (HttpMethod.Delete, $"/api/moderation/queue/{postId}/claim", null),
            (HttpMethod.Post, $"/api/moderation/queue/{postId}/decision", new { decision = "approve" }),
            (HttpMethod.Put, $"/api/topics/{topicId}/slow-mode", new { seconds = 30 }),
            (HttpMethod.Put, "/api/categories/news/slow-mode", new { seconds = 30 }),
        ];

        foreach (var (method, url, body) in routes)
        {
            Assert.True((await client.SendAsync(method, url, null, body)).StatusCode == HttpStatusCode.Unauthorized, $"anonymous {method} {url}");
            foreach (var (name, who) in new[] { ("member", member), ("ambassador", ambassador) })
            {
                var status = (await client.SendAsync(method, url, who, body)).StatusCode;
                Assert.True(status == HttpStatusCode.Forbidden, $"{name} {method} {url}: {status}");
            }

            foreach (var (name, who) in new[] { ("moderator", moderator), ("admin", admin) })
            {
                var status = (await client.SendAsync(method, url, who, body)).StatusCode;
                Assert.True(status is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden), $"{name} {method} {url}: {status}");
            }
        }
    }

    private static async Task GrantAsync(HttpClient client, Tokens admin, Tokens who, string role) =>
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/members/{await IdAsync(client, who)}/roles/{role}", admin)).StatusCode);

    private static async Task<string?> IdAsync(HttpClient client, Tokens who) =>
        (await (await client.SendAsync(HttpMethod.Get, "/api/me", who)).JsonAsync()).GetProperty("memberId").GetString();
}

public sealed class SqliteModerationAuthorizationTests() : ModerationAuthorizationTests(StorageEngine.Sqlite);

public sealed class PostgresModerationAuthorizationTests() : ModerationAuthorizationTests(StorageEngine.Postgres);
