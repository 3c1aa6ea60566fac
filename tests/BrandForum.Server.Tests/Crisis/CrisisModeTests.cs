using System.Globalization;
using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Pages;

namespace BrandForum.Server.Tests.Crisis;

public abstract class CrisisModeTests : StaffPagesTest
{
    private const string Statement = "We know deliveries are late this week and we are on it. Updates here every morning.";

    private readonly ShiftedClock _clock = new();

    protected CrisisModeTests(StorageEngine engine)
        : base(engine)
    {
        Forum.Settings["Forum:Crisis:WatchMilliseconds"] = "100";
        Forum.TestServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    [Fact]
    public async Task HoldsLowTrustPostsShowsTheStatementAndSwitchesItselfOff()
    {
        var topicId = await ForumWithTopicAsync();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var fan = await client.SignUpAndInAsync("fan");
        var anonymous = Forum.CreateClient();
        Assert.DoesNotContain(Statement, await PageTextAsync(anonymous, $"/t/{topicId}"), StringComparison.Ordinal); // cached without a banner

        await using var live = await LiveClient.ConnectAsync(Forum, admin.AccessToken);
        await live.SubscribeAsync("moderation", (await Forum.Store.ReadHeadAsync()).Position);
        var declared = await client.SendAsync(HttpMethod.Put, "/api/crisis/site", admin, new { slowModeSeconds = 0, holdBelowTrustLevel = 2, statement = Statement, until = _clock.GetUtcNow().AddMinutes(10) });
        Assert.True(declared.StatusCode == HttpStatusCode.OK, await declared.Content.ReadAsStringAsync());
        Assert.Equal(("site", 2), ((await declared.JsonAsync()).GetProperty("scope").GetString(), (await declared.JsonAsync()).GetProperty("holdBelowTrustLevel").GetInt32()));
        var alert = await live.WaitForAsync(items => items.Any(i => i.GetProperty("type").GetString() == "crisis-started"));
        Assert.Equal(Statement, alert.Single(i => i.GetProperty("type").GetString() == "crisis-started").GetProperty("data").GetProperty("statement").GetString());

        Assert.Equal("held", await ReplyAsync(client, fan, topicId, "Where is my order? It was due on Monday."));
        Assert.Equal("published", await ReplyAsync(client, admin, topicId, "We are checking every order today, thank you for your patience."));
        Assert.Contains(Statement, await PageTextAsync(anonymous, $"/t/{topicId}"), StringComparison.Ordinal);
        Assert.Contains(Statement, await PageTextAsync(anonymous, "/c/news"), StringComparison.Ordinal);
        Assert.Contains(Statement, await PageTextAsync(anonymous, "/"), StringComparison.Ordinal);
        var listed = Assert.Single((await (await client.SendAsync(HttpMethod.Get, "/api/crisis", admin)).JsonAsync()).EnumerateArray());
        Assert.Equal(Statement, listed.GetProperty("statement").GetString());

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.Equal("published", await ReplyAsync(client, fan, topicId, "Thanks, mine has just arrived."));
        Assert.DoesNotContain(Statement, await PageTextAsync(anonymous, $"/t/{topicId}"), StringComparison.Ordinal);
        Assert.Empty((await (await client.SendAsync(HttpMethod.Get, "/api/crisis", admin)).JsonAsync()).EnumerateArray());
        await live.WaitForAsync(items => items.Any(i => i.GetProperty("type").GetString() == "crisis-ended"));

        var root = await WebClientAsync("root", ForumFactory.AdminPassword);
        var timeline = await PageAsync(root, "/moderation/crisis");
        var period = Assert.Single(timeline.QuerySelectorAll("[data-crisis-period='site']"));
        Assert.Equal("1", period.QuerySelector("[data-held-count]")!.GetAttribute("data-held-count"));
        Assert.Equal(["started", "ended"], period.QuerySelectorAll("[data-kind]").Select(k => k.GetAttribute("data-kind")));
    }

    [Fact]
    public async Task ACategoryCrisisSlowsMembersThereButNotStaffAndIsLiftedByHand()
    {
        var topicId = await ForumWithTopicAsync();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var fan = await client.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "offtopic", name = "Off topic" })).StatusCode);
        var elsewhere = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "offtopic", title = "Weekend plans", body = "Anyone riding?" })).JsonAsync()).GetProperty("topicId").GetString()!;

        var terms = new { slowModeSeconds = 600, holdBelowTrustLevel = 0, statement = Statement, until = _clock.GetUtcNow().AddHours(1) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Put, "/api/crisis/news", null, terms)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, "/api/crisis/news", fan, terms)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Put, "/api/crisis/nowhere", admin, terms)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, "/api/crisis/news", admin, terms with { until = _clock.GetUtcNow().AddHours(-1) })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, "/api/crisis/news", admin, terms with { statement = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/crisis/news", admin, terms)).StatusCode);

        Assert.Equal("published", await ReplyAsync(client, fan, topicId, "First thought on the delays."));
        var slowed = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "A second thought right away." });
        Assert.Equal(HttpStatusCode.TooManyRequests, slowed.StatusCode);
        Assert.Equal("slow-mode", (await slowed.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal("published", await ReplyAsync(client, fan, elsewhere, "Riding on Sunday morning."));
        Assert.Equal("published", await ReplyAsync(client, admin, topicId, "Staff answer as often as needed."));
        Assert.Equal("published", await ReplyAsync(client, admin, topicId, "And once more, right away."));
        var anonymous = Forum.CreateClient();
        Assert.Contains(Statement, await PageTextAsync(anonymous, $"/t/{topicId}"), StringComparison.Ordinal);
        Assert.DoesNotContain(Statement, await PageTextAsync(anonymous, $"/t/{elsewhere}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Put, "/api/crisis/news", admin, terms with { slowModeSeconds = 0 })).StatusCode);
        Assert.Equal("published", await ReplyAsync(client, fan, topicId, "A second thought after the change."));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "/api/crisis/news", admin)).StatusCode);
        Assert.DoesNotContain(Statement, await PageTextAsync(anonymous, $"/t/{topicId}"), StringComparison.Ordinal);
        var moments = await Forum.Store.QueryAsync("SELECT kind FROM crisis_timeline ORDER BY at, kind DESC", r => r.GetString(0), CancellationToken.None);
        Assert.Equal(["started", "changed", "ended"], moments);
    }

    private static async Task<string> ReplyAsync(HttpClient client, Tokens who, string topicId, string body)
    {
        var response = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", who, new { body });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.JsonAsync()).GetProperty("status").GetString()!;
    }

    private static async Task<string> PageTextAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {response.StatusCode}");
        return System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
    }
}

public sealed class SqliteCrisisModeTests() : CrisisModeTests(StorageEngine.Sqlite);

public sealed class PostgresCrisisModeTests() : CrisisModeTests(StorageEngine.Postgres);
