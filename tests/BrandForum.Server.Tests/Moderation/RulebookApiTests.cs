using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Moderation;

public abstract class RulebookApiTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task StaffReadTheDefaultThenPublishVersionsAndMistakesComeBackWithTheirPlace()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);

        var initial = await (await client.SendAsync(HttpMethod.Get, "/api/moderation/rulebook", admin)).JsonAsync();
        Assert.Equal(0, initial.GetProperty("version").GetInt32());
        Assert.Contains("insults-fr", initial.GetProperty("yaml").GetString(), StringComparison.Ordinal);

        var wrong = await client.SendAsync(HttpMethod.Put, "/api/moderation/rulebook", admin, new { yaml = "rules:\n  - id: x\n    action: nuke\n" });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        var error = (await wrong.JsonAsync()).GetProperty("errors")[0];
        Assert.Equal((3, 13), (error.GetProperty("line").GetInt32(), error.GetProperty("column").GetInt32()));

        const string Yaml = "rules:\n  - id: no-idiots\n    when:\n      text: { any: [idiot] }\n    action: hold\n";
        var published = await client.SendAsync(HttpMethod.Put, "/api/moderation/rulebook", admin, new { yaml = Yaml });
        var again = await client.SendAsync(HttpMethod.Put, "/api/moderation/rulebook", admin, new { yaml = Yaml });
        Assert.Equal(1, (await published.JsonAsync()).GetProperty("version").GetInt32());
        Assert.Equal(1, (await again.JsonAsync()).GetProperty("version").GetInt32());
        var current = await (await client.SendAsync(HttpMethod.Get, "/api/moderation/rulebook", admin)).JsonAsync();
        Assert.Equal((1, Yaml), (current.GetProperty("version").GetInt32(), current.GetProperty("yaml").GetString()));
    }

    [Fact]
    public async Task APostCountRuleHoldsOnlyMembersBelowItHoweverManyPostsOthersHave()
    {
        var (client, admin, _, topicId) = await StaffForum.StartAsync(Forum);
        var (quiet, regular, prolific) = (await client.SignUpAndInAsync("quiet"), await client.SignUpAndInAsync("regular"), await client.SignUpAndInAsync("prolific"));
        foreach (var (member, posts) in new[] { (quiet, 1), (regular, 2), (prolific, 5) })
        {
            for (var i = 0; i < posts; i++)
            {
                Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = $"Post {i}." })).StatusCode);
            }
        }

        const string Yaml = "rules:\n  - id: first-posts\n    when:\n      author: { postCountBelow: 2 }\n    action: hold\n";
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/moderation/rulebook", admin, new { yaml = Yaml })).StatusCode);

        async Task<string?> StatusAsync(Tokens member) =>
            (await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", member, new { body = "Another one." })).JsonAsync()).GetProperty("status").GetString();
        Assert.Equal("held", await StatusAsync(quiet));
        Assert.Equal("published", await StatusAsync(regular));
        Assert.Equal("published", await StatusAsync(prolific));
    }

    [Fact]
    public async Task OnlyStaffSeeOrChangeTheRulebook()
    {
        var client = Forum.CreateClient();
        var member = await client.SignUpAndInAsync("fan");

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/moderation/rulebook", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/moderation/rulebook", member)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, "/api/moderation/rulebook", member, new { yaml = "rules: []" })).StatusCode);
    }
}

public sealed class SqliteRulebookApiTests() : RulebookApiTests(StorageEngine.Sqlite);

public sealed class PostgresRulebookApiTests() : RulebookApiTests(StorageEngine.Postgres);
