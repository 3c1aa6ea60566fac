using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Referrals;

namespace BrandForum.Server.Tests.Badges;

/// <summary>A new badge reaches its holder live on the <c>me</c> channel (a real SignalR client), once, even across a rebuild.</summary>
public abstract class BadgeNoticeTests : ForumTest
{
    protected BadgeNoticeTests(StorageEngine engine)
        : base(engine) => Forum.WithBootstrapAdmin();

    [Fact]
    public async Task TheMemberHearsOfTheirNewBadgeLiveAndOthersDoNot()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        var fan = await client.SignUpAndInAsync("fan");
        var other = await client.SignUpAndInAsync("other");
        var fanId = await client.IdAsync(fan);
        await using var fanLive = await LiveClient.ConnectAsync(Forum, fan.AccessToken);
        await using var otherLive = await LiveClient.ConnectAsync(Forum, other.AccessToken);
        var head = (await Forum.Store.ReadHeadAsync()).Position;
        await fanLive.SubscribeAsync("me", head);
        await otherLive.SubscribeAsync("me", head);

        await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Hello everyone", body = "Glad to be here." });

        var received = await fanLive.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "badge-awarded"), TimeSpan.FromSeconds(30));
        var item = received.Single(x => x.GetProperty("type").GetString() == "badge-awarded");
        Assert.Equal("me", item.GetProperty("channel").GetString());
        var data = item.GetProperty("data");
        Assert.Equal(("first-post", "First Post", "bronze"), (data.GetProperty("badge").GetString(), data.GetProperty("name").GetString(), data.GetProperty("tier").GetString()));
        Assert.DoesNotContain(otherLive.Events, x => x.GetProperty("type").GetString() == "badge-awarded");

        // A client that was away gets it in the replay; a rebuild re-awards the badge without announcing it again.
        await using var later = await LiveClient.ConnectAsync(Forum, fan.AccessToken);
        await later.SubscribeAsync("me", head);
        await later.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "badge-awarded"));
        Assert.Equal(0, await BrandForum.Server.Projections.ProjectionsCommand.RunAsync(Forum.Services, ["projections", "rebuild", "badges"], new StringWriter()));
        await Task.Delay(1500); // the notifier runs twice a second
        Assert.Single(await Forum.Store.ReadStreamAsync($"notices-{fanId}"));
    }
}

public sealed class SqliteBadgeNoticeTests() : BadgeNoticeTests(StorageEngine.Sqlite);

public sealed class PostgresBadgeNoticeTests() : BadgeNoticeTests(StorageEngine.Postgres);
