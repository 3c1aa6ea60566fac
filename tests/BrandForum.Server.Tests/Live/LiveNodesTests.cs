using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Live;

/// <summary>Two server processes on one PostgreSQL: the log is the backplane, and a client that loses its node resumes on the other.</summary>
public sealed class LiveNodesTests
{
    [Fact]
    public async Task APostOnOneNodeReachesAClientOfTheOtherWhichResumesElsewhereAfterItsNodeDies()
    {
        using var database = new ForumFactory(StorageEngine.Postgres);
        var environment = database.NodeEnvironment();
        using var nodeA = await ServerProcess.StartAsync(environment);
        using var nodeB = await ServerProcess.StartAsync(environment);
        using var http = nodeA.CreateClient();
        var admin = await http.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        var topicId = (await (await http.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "Across nodes", body = "1" })).JsonAsync()).GetProperty("topicId").GetString();
        var channel = $"topic:{topicId}";

        long last;
        await using (var onB = await LiveClient.ConnectAsync(nodeB.Address))
        {
            await onB.SubscribeAsync(channel, after: 0);
            await http.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "2" });
            var seen = await onB.WaitForAsync(e => e.Count(x => x.GetProperty("type").GetString() == "post-published") == 2);
            last = seen[^1].GetProperty("position").GetInt64();
            nodeB.Kill();
        }

        for (var i = 3; i <= 5; i++)
        {
            await http.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = $"{i}" });
        }

        await using var onA = await LiveClient.ConnectAsync(nodeA.Address);
        await onA.SubscribeAsync(channel, after: last);
        await http.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "6" });

        await onA.WaitForAsync(e => e.Count(x => x.GetProperty("type").GetString() == "post-published") >= 4);
        await Task.Delay(300);
        Assert.Equal([3, 4, 5, 6], onA.Events.Select(x => x.GetProperty("data").GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task TypingAndPresenceCrossNodesWithoutTheLog()
    {
        using var database = new ForumFactory(StorageEngine.Postgres);
        var environment = new Dictionary<string, string>(database.Environment) { ["Forum__RateLimits__Enabled"] = "false" };
        using var nodeA = await ServerProcess.StartAsync(environment);
        using var nodeB = await ServerProcess.StartAsync(environment);
        using var http = nodeA.CreateClient();
        var alice = await http.SignUpAndInAsync("alice");
        await database.Store.AppendAsync("category-news", EventStore.ExpectedVersion.NoStream, [new Domain.Categories.CategoryCreated(Guid.NewGuid(), "news", "News", "", "#000000", DateTimeOffset.UtcNow)]);
        var topicId = (await (await http.SendAsync(HttpMethod.Post, "/api/topics", alice, new { category = "news", title = "Who is here?", body = "Hi" })).JsonAsync()).GetProperty("topicId").GetString()!;
        var head = (await database.Store.ReadHeadAsync()).Position;

        await using var onA = await LiveClient.ConnectAsync(nodeA.Address, alice.AccessToken);
        await using var onB = await LiveClient.ConnectAsync(nodeB.Address);
        await onA.SubscribeAsync($"topic:{topicId}", head);
        await onB.SubscribeAsync($"topic:{topicId}", head);

        await onB.WaitForMessageAsync("presence", p => p.GetProperty("readers").GetInt32() == 2);
        await onA.WaitForMessageAsync("presence", p => p.GetProperty("readers").GetInt32() == 2);
        await onA.InvokeCheckedAsync("Typing", Guid.Parse(topicId));
        Assert.Equal("alice", (await onB.WaitForMessageAsync("typing", _ => true)).GetProperty("userName").GetString());
        nodeA.Kill();
        // A dead node cannot say goodbye: its readers fade from the sum once its announcements are too old.
        await onB.WaitForMessageAsync("presence", p => p.GetProperty("readers").GetInt32() == 1, TimeSpan.FromSeconds(30));
    }
}
