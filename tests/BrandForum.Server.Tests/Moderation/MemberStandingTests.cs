using BrandForum.EventStore;
using BrandForum.Server.Moderation;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Moderation;

public abstract class MemberStandingTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task CountsWhatTheMemberDidFromTheReadModels()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" });
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = Guid.Parse((await (await client.SendAsync(HttpMethod.Get, "/api/me", fan)).JsonAsync()).GetProperty("memberId").GetString()!);
        var topic = await (await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "Hello there", body = "Hi" })).JsonAsync();
        var topicId = topic.GetProperty("topicId").GetString();
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "Second" });
        await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/read", fan, new { lastReadPostNumber = 2 });
        var reply = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "My reply" })).JsonAsync();
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{topic.GetProperty("postId").GetString()}/reactions/like", fan);
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{reply.GetProperty("postId").GetString()}/reactions/love", admin);

        var standing = Forum.Services.GetRequiredService<MemberStanding>();
        var activity = await standing.ActivityAsync(fanId, CancellationToken.None);

        Assert.Equal((1, 2, 1, 1, 1, 1, 1), (activity.TopicsEntered, activity.PostsRead, activity.DaysVisited, activity.DaysVisitedLast100, activity.TopicsRepliedTo, activity.LikesGiven, activity.LikesReceived));
        Assert.Equal(1, await standing.TrustLevelAsync(fanId, CancellationToken.None)); // a small community: newcomers start at 1
        Assert.Equal(1, (await (await client.SendAsync(HttpMethod.Get, "/api/me", fan)).JsonAsync()).GetProperty("trustLevel").GetInt32());
    }

    [Fact]
    public async Task AnAdminGrantsLevelFourByHandAndGivesItBack()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", fan)).JsonAsync()).GetProperty("memberId").GetString();
        async Task<int> LevelAsync() => (await (await client.SendAsync(HttpMethod.Get, "/api/me", fan)).JsonAsync()).GetProperty("trustLevel").GetInt32();

        var granted = await client.SendAsync(HttpMethod.Put, $"/api/members/{fanId}/trust-level", admin, new { level = 4 });
        Assert.Equal(4, (await granted.JsonAsync()).GetProperty("trustLevel").GetInt32());
        Assert.Equal(4, await LevelAsync());
        await client.SendAsync(HttpMethod.Put, $"/api/members/{fanId}/trust-level", admin, new { level = (int?)null });
        Assert.Equal(1, await LevelAsync());

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, $"/api/members/{fanId}/trust-level", admin, new { level = 5 })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Put, $"/api/members/{Guid.NewGuid()}/trust-level", admin, new { level = 4 })).StatusCode);
        Assert.Equal(System.Net.HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, $"/api/members/{fanId}/trust-level", fan, new { level = 4 })).StatusCode);
    }
}

public sealed class SqliteMemberStandingTests() : MemberStandingTests(StorageEngine.Sqlite);

public sealed class PostgresMemberStandingTests() : MemberStandingTests(StorageEngine.Postgres);
