using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;

namespace BrandForum.Server.Tests.Live;

/// <summary>The live hub with a real SignalR client over WebSockets: delivery, resume without loss or repeat, and rights.</summary>
public abstract class LiveTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task ARepliesReachesEveryoneReadingTheTopic()
    {
        var (client, admin) = await ForumAsync();
        var topicId = await StartAsync(client, admin, "news", "Live launch", "Starting now");
        await using var reader = await LiveClient.ConnectAsync(Forum);
        var position = await reader.SubscribeAsync($"topic:{topicId}", after: (await Forum.Store.ReadHeadAsync()).Position);

        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "It is **live**" });

        var received = await reader.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "post-published"));
        var item = received.Single(x => x.GetProperty("type").GetString() == "post-published");
        Assert.Equal($"topic:{topicId}", item.GetProperty("channel").GetString());
        Assert.True(item.GetProperty("position").GetInt64() > position);
        Assert.Equal(2, item.GetProperty("data").GetProperty("number").GetInt32());
        Assert.Contains("<strong>live</strong>", item.GetProperty("data").GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Equal("root", item.GetProperty("data").GetProperty("author").GetProperty("userName").GetString());
    }

    [Fact]
    public async Task AfterADisconnectTheClientGetsExactlyWhatItMissedOnce()
    {
        var (client, admin) = await ForumAsync();
        var topicId = await StartAsync(client, admin, "news", "Resumable", "Post 1");
        long last;
        await using (var first = await LiveClient.ConnectAsync(Forum))
        {
            await first.SubscribeAsync($"topic:{topicId}", after: 0);
            var seen = await first.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "post-published"));
            Assert.Equal(1, seen.Single().GetProperty("data").GetProperty("number").GetInt32());
            last = seen[^1].GetProperty("position").GetInt64();
        }

        for (var i = 2; i <= 4; i++)
        {
            await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = $"Post {i}" });
        }

        await using var again = await LiveClient.ConnectAsync(Forum);
        await again.SubscribeAsync($"topic:{topicId}", after: last);
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "Post 5" });

        var resumed = await again.WaitForAsync(e => e.Count(x => x.GetProperty("type").GetString() == "post-published") >= 4);
        await Task.Delay(300); // anything duplicated would arrive now
        var numbers = again.Events.Where(x => x.GetProperty("type").GetString() == "post-published").Select(x => x.GetProperty("data").GetProperty("number").GetInt32());
        Assert.Equal([2, 3, 4, 5], numbers);
        var positions = again.Events.Select(x => x.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public async Task EveryoneHearsOnlyWhatTheyMaySee()
    {
        var (client, admin) = await ForumAsync();
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "lounge", name = "Lounge", access = new[] { "Ambassador" } })).StatusCode);
        var secret = await StartAsync(client, admin, "lounge", "Secret plans", "Hush");
        var open = await StartAsync(client, admin, "news", "Open talk", "Hello");
        var alice = await client.SignUpAndInAsync("alice");
        var bob = await client.SignUpAndInAsync("bob");
        await using var anonymous = await LiveClient.ConnectAsync(Forum);
        await using var aliceLive = await LiveClient.ConnectAsync(Forum, alice.AccessToken);
        await using var bobLive = await LiveClient.ConnectAsync(Forum, bob.AccessToken);
        await using var adminLive = await LiveClient.ConnectAsync(Forum, admin.AccessToken);

        await Assert.ThrowsAsync<HubException>(() => anonymous.SubscribeAsync($"topic:{secret}"));
        await Assert.ThrowsAsync<HubException>(() => aliceLive.SubscribeAsync($"topic:{secret}"));
        await Assert.ThrowsAsync<HubException>(() => aliceLive.SubscribeAsync("category:lounge"));
        await Assert.ThrowsAsync<HubException>(() => anonymous.SubscribeAsync("me"));
        await Assert.ThrowsAsync<HubException>(() => aliceLive.SubscribeAsync("moderation"));
        await Assert.ThrowsAsync<HubException>(() => aliceLive.SubscribeAsync("everything"));
        await adminLive.SubscribeAsync("moderation");
        await adminLive.SubscribeAsync($"topic:{secret}");

        var head = (await Forum.Store.ReadHeadAsync()).Position;
        await aliceLive.SubscribeAsync("me", head);
        await bobLive.SubscribeAsync("me", head);
        await bobLive.SubscribeAsync("category:news", head);
        var posted = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{open}/posts", bob, new { body = "What do you think, @alice?" })).JsonAsync();
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{posted.GetProperty("postId").GetString()}/reactions/like", alice);

        var forAlice = await aliceLive.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "mention"));
        var mention = forAlice.Single(x => x.GetProperty("type").GetString() == "mention").GetProperty("data");
        Assert.Equal(("bob", 2), (mention.GetProperty("by").GetProperty("userName").GetString(), mention.GetProperty("number").GetInt32()));
        var forBob = await bobLive.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "reaction"));
        Assert.Equal("like", forBob.Single(x => x.GetProperty("type").GetString() == "reaction").GetProperty("data").GetProperty("kind").GetString());
        Assert.Contains(forBob, x => x.GetProperty("type").GetString() == "topic-activity");
        Assert.DoesNotContain(forBob, x => x.GetProperty("type").GetString() == "mention");
        Assert.DoesNotContain(aliceLive.Events, x => x.GetProperty("type").GetString() == "reaction");
    }

    [Fact]
    public async Task HeldAndHiddenPostsReachOnlyTheirAuthorAndStaffAndModeratorsHearOfThem()
    {
        var (client, admin) = await ForumAsync();
        var topicId = await StartAsync(client, admin, "news", "Heated debate", "Keep it civil");
        var alice = await client.SignUpAndInAsync("alice");
        var bob = await client.SignUpAndInAsync("bob");
        var carol = await client.SignUpAndInAsync("carol");
        var head = (await Forum.Store.ReadHeadAsync()).Position;
        await using var aliceLive = await LiveClient.ConnectAsync(Forum, alice.AccessToken);
        await using var bobLive = await LiveClient.ConnectAsync(Forum, bob.AccessToken);
        await using var adminLive = await LiveClient.ConnectAsync(Forum, admin.AccessToken);
        await aliceLive.SubscribeAsync($"topic:{topicId}", head);
        await aliceLive.SubscribeAsync("me", head);
        await bobLive.SubscribeAsync($"topic:{topicId}", head);
        await adminLive.SubscribeAsync($"topic:{topicId}", head);
        await adminLive.SubscribeAsync("moderation", head);

        var held = (await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", alice, new { body = "You are an idiot, Bob." })).JsonAsync()).GetProperty("postId").GetString();
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "A calm marker" });

        static bool Has(IReadOnlyList<System.Text.Json.JsonElement> events, string type) => events.Any(x => x.GetProperty("type").GetString() == type);
        await aliceLive.WaitForAsync(e => Has(e, "post-held"));
        await adminLive.WaitForAsync(e => Has(e, "post-held") && Has(e, "review-opened"));
        await bobLive.WaitForAsync(e => Has(e, "post-published"));
        Assert.DoesNotContain("idiot", string.Join('\n', bobLive.Events.Select(x => x.GetRawText())), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/queue/{held}/decision", admin, new { decision = "approve" })).StatusCode);
        var approved = await bobLive.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "post-published" && x.GetProperty("data").GetProperty("postId").GetString() == held));
        Assert.Equal(3, approved.Single(x => x.GetProperty("data").GetProperty("postId").GetString() == held).GetProperty("data").GetProperty("number").GetInt32());
        await aliceLive.WaitForAsync(e => Has(e, "post-approved"));
        await adminLive.WaitForAsync(e => Has(e, "review-closed"));

        // Flags hide it (admin 5 + carol 2 + bob 2 ≥ 8): readers learn it is hidden, never its new text.
        foreach (var flagger in new[] { admin, carol, bob })
        {
            await client.SendAsync(HttpMethod.Post, $"/api/posts/{held}/flags", flagger, new { reason = "harassment" });
        }

        await bobLive.WaitForAsync(e => Has(e, "post-hidden"));
        await aliceLive.WaitForAsync(e => Has(e, "post-hidden") && e.Any(x => x.GetProperty("channel").GetString() == "me" && x.GetProperty("type").GetString() == "post-hidden"));
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{held}", alice, new { body = "Sorry Bob, secret apology." });
        await adminLive.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "post-edited" && x.GetRawText().Contains("secret apology", StringComparison.Ordinal)));
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", admin, new { body = "Second marker" });
        await bobLive.WaitForAsync(e => e.Count(x => x.GetProperty("type").GetString() == "post-published") >= 3);
        Assert.DoesNotContain("secret apology", string.Join('\n', bobLive.Events.Select(x => x.GetRawText())), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadersSeeWhoIsWritingAndHowManyAreReading()
    {
        var (client, admin) = await ForumAsync();
        var topicId = await StartAsync(client, admin, "news", "Who is here?", "Say hi");
        var alice = await client.SignUpAndInAsync("alice");
        await using var aliceLive = await LiveClient.ConnectAsync(Forum, alice.AccessToken);
        await using var anonymous = await LiveClient.ConnectAsync(Forum);
        await aliceLive.SubscribeAsync($"topic:{topicId}", (await Forum.Store.ReadHeadAsync()).Position);
        await anonymous.SubscribeAsync($"topic:{topicId}", (await Forum.Store.ReadHeadAsync()).Position);

        await anonymous.WaitForMessageAsync("presence", p => p.GetProperty("readers").GetInt32() == 2);
        await aliceLive.InvokeAsync("Typing", Guid.Parse(topicId));
        var typing = await anonymous.WaitForMessageAsync("typing", _ => true);
        Assert.Equal("alice", typing.GetProperty("userName").GetString());
        await Assert.ThrowsAsync<HubException>(() => anonymous.InvokeCheckedAsync("Typing", Guid.Parse(topicId)));

        await aliceLive.DisposeAsync();
        await anonymous.WaitForMessageAsync("presence", p => p.GetProperty("readers").GetInt32() == 1);
        Assert.DoesNotContain(aliceLive.Received, m => m.Method == "typing");
    }

    private async Task<(HttpClient Client, Tokens Admin)> ForumAsync()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        return (client, admin);
    }

    private static async Task<string> StartAsync(HttpClient client, Tokens author, string category, string title, string body)
    {
        var started = await client.SendAsync(HttpMethod.Post, "/api/topics", author, new { category, title, body });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.JsonAsync()).GetProperty("topicId").GetString()!;
    }
}

public sealed class SqliteLiveTests() : LiveTests(StorageEngine.Sqlite);

public sealed class PostgresLiveTests() : LiveTests(StorageEngine.Postgres);
