using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Moderation;

public abstract class BacktestTests(StorageEngine engine) : ForumTest(engine)
{
    private const string Draft = """
        rules:
          - id: insults
            when:
              text: { any: [crétin] }
            action: hold
          - id: spam
            when:
              links: { domains: [spam.example] }
            action: reject
          - id: shouting
            when:
              caps: { ratioAtLeast: 0.7, minLetters: 10 }
            action: flag
          - id: never
            when:
              text: { any: [zebra] }
            action: reject
        """;

    [Fact]
    public async Task ADraftRunsOverPastPostsBeforeItIsPublished()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" });
        var fan = await client.SignUpAndInAsync("fan");
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Opinions", body = "Calm opening" })).JsonAsync()).GetProperty("topicId").GetString();
        foreach (var body in new[] { "Quel CRETIN", "Buy at https://www.spam.example/now", "THIS IS SO LOUD HERE", "a fine reply" })
        {
            await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body });
        }

        var response = await client.SendAsync(HttpMethod.Post, "/api/moderation/rulebook/backtest", admin, new { yaml = Draft, days = 7 });
        var report = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal((5, 1, 1, 1), (report.GetProperty("evaluated").GetInt32(), report.GetProperty("rejected").GetInt32(), report.GetProperty("held").GetInt32(), report.GetProperty("flagged").GetInt32()));
        var rules = report.GetProperty("rules").EnumerateArray().ToDictionary(r => r.GetProperty("ruleId").GetString()!, r => r);
        Assert.Equal(1, rules["insults"].GetProperty("matches").GetInt32());
        Assert.Equal("Quel CRETIN", rules["insults"].GetProperty("examples")[0].GetProperty("excerpt").GetString());
        Assert.Equal(0, rules["never"].GetProperty("matches").GetInt32());
        Assert.Equal(0, (await (await client.SendAsync(HttpMethod.Get, "/api/moderation/rulebook", admin)).JsonAsync()).GetProperty("version").GetInt32());
    }

    [Fact]
    public async Task RefusesABadDraftOrPeriod()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/api/moderation/rulebook/backtest", admin, new { yaml = Draft, days = 0 })).StatusCode);
        var broken = await client.SendAsync(HttpMethod.Post, "/api/moderation/rulebook/backtest", admin, new { yaml = "rules:\n  - id: x\n", days = 7 });
        Assert.Equal("invalid-rulebook", (await broken.JsonAsync()).GetProperty("code").GetString());
    }
}

public sealed class SqliteBacktestTests() : BacktestTests(StorageEngine.Sqlite);

public sealed class PostgresBacktestTests() : BacktestTests(StorageEngine.Postgres);
