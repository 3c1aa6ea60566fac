using System.Net;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Analytics;

public abstract class NeedsResponseTests : ForumTest
{
    protected NeedsResponseTests(StorageEngine engine)
        : base(engine)
    {
        Forum.WithBootstrapAdmin();
        Forum.Settings["Forum:Analytics:ResponseTargets:other"] = "1";
    }

    [Fact]
    public async Task ListsTopicsNoStaffOrAmbassadorAnsweredPastTheirCategoryTargetOldestFirst()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        foreach (var slug in new[] { "news", "other" })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug, name = slug })).StatusCode);
        }

        var log = new AnalyticsFixture(Forum.Store);
        var now = DateTimeOffset.UtcNow;
        var (fan, friend, mod, amb) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await log.MemberAsync(fan, "fan", now.AddDays(-10));
        await log.MemberAsync(friend, "friend", now.AddDays(-10));
        await log.MemberAsync(mod, "mod", now.AddDays(-10), Roles.Moderator);
        await log.MemberAsync(amb, "amb", now.AddDays(-10), Roles.Ambassador);
        var (silent, membersOnly, answered, byAmbassador, young, fast, staffOwn) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        await log.TopicAsync(silent, "news", fan, now.AddHours(-50));
        await log.TopicAsync(membersOnly, "news", fan, now.AddHours(-30));
        await log.ReplyAsync(membersOnly, friend, now.AddHours(-29));          // a member's reply does not count
        await log.TopicAsync(answered, "news", fan, now.AddHours(-40));
        await log.ReplyAsync(answered, mod, now.AddHours(-10));
        await log.TopicAsync(byAmbassador, "news", fan, now.AddHours(-45));
        await log.ReplyAsync(byAmbassador, amb, now.AddHours(-44));
        await log.TopicAsync(young, "news", fan, now.AddHours(-2));            // within news's 24 h
        await log.TopicAsync(fast, "other", fan, now.AddHours(-3));            // past other's 1 h
        await log.TopicAsync(staffOwn, "news", mod, now.AddHours(-60));        // staff's own topic waits for nobody
        await Forum.CaughtUpAsync(AnalyticsProjection.ProjectionName);

        var queue = await (await client.SendAsync(HttpMethod.Get, "/api/moderation/needs-response", admin)).JsonAsync();
        Assert.Equal([silent, membersOnly, fast], queue.EnumerateArray().Select(t => t.GetProperty("topicId").GetGuid()));
        Assert.Equal((24.0, 1.0), (queue[0].GetProperty("targetHours").GetDouble(), queue[2].GetProperty("targetHours").GetDouble()));
        Assert.Equal("fan", queue[0].GetProperty("author").GetString());

        var other = await (await client.SendAsync(HttpMethod.Get, "/api/moderation/needs-response?category=other", admin)).JsonAsync();
        Assert.Equal([fast], other.EnumerateArray().Select(t => t.GetProperty("topicId").GetGuid()));
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/moderation/needs-response", await client.SignUpAndInAsync("reader"))).StatusCode);

        var page = await (await client.SendAsync(HttpMethod.Get, "/moderation/needs-response", admin)).Content.ReadAsStringAsync();
        Assert.True(page.IndexOf($"/t/{silent}", StringComparison.Ordinal) < page.IndexOf($"/t/{fast}", StringComparison.Ordinal), page);
    }
}

public sealed class SqliteNeedsResponseTests() : NeedsResponseTests(StorageEngine.Sqlite);

public sealed class PostgresNeedsResponseTests() : NeedsResponseTests(StorageEngine.Postgres);
