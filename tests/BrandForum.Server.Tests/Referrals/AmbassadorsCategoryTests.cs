using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Referrals;

/// <summary>Forum:Ambassadors:Category: active ambassadors read and post there; paused, retired and other members do not.</summary>
public abstract class AmbassadorsCategoryTests : ForumTest
{
    protected AmbassadorsCategoryTests(StorageEngine engine)
        : base(engine)
    {
        Forum.WithBootstrapAdmin();
        Forum.Settings["Forum:Ambassadors:Category"] = "ambassadors";
    }

    [Fact]
    public async Task OnlyActiveAmbassadorsEnterTheirCategory()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var amb = await client.SignUpAndInAsync("amb");
        var fan = await client.SignUpAndInAsync("fan");
        var ambId = await client.IdAsync(amb);
        var created = (await (await client.SendAsync(HttpMethod.Get, "/api/categories", admin)).JsonAsync()).EnumerateArray().Single(c => c.GetProperty("slug").GetString() == "ambassadors");
        Assert.Equal(["Ambassador"], created.GetProperty("access").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, "/api/categories/ambassadors/topics", amb)).StatusCode); // not enrolled yet

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{ambId}", admin, new { tier = 1 })).StatusCode);
        var started = await client.SendAsync(HttpMethod.Post, "/api/topics", amb, new { category = "ambassadors", title = "June campaign ideas", body = "Shall we film the river loop?" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var topicId = (await started.JsonAsync()).GetProperty("topicId").GetString();
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", amb)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", fan)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "Can I join?" })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{ambId}/pause", admin, new { note = "On leave" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", amb)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", amb, new { body = "Back soon, folks." })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{ambId}/resume", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", amb, new { body = "I am back from my holidays." })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/ambassadors/{ambId}?note=Moved%20away", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, "/api/categories/ambassadors/topics", amb)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/api/topics/{topicId}", admin)).StatusCode); // staff enter every category
    }
}

public sealed class SqliteAmbassadorsCategoryTests() : AmbassadorsCategoryTests(StorageEngine.Sqlite);

public sealed class PostgresAmbassadorsCategoryTests() : AmbassadorsCategoryTests(StorageEngine.Postgres);
