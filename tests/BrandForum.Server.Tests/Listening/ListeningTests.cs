using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Listening;
using BrandForum.Server.Tests.Analytics;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Listening;

public abstract class ListeningTests : ForumTest
{
    protected ListeningTests(StorageEngine engine)
        : base(engine)
    {
        Forum.WithBootstrapAdmin();
        Forum.Settings["Forum:Listening:CheckSeconds"] = "0.5";
        Forum.Settings["Forum:Listening:MinimumCount"] = "6"; // the spike is alerted once all six mentions of this hour are in
    }

    [Fact]
    public async Task CountsMentionsLikeTheRulebookAndAlertsTheCmsLiveOnceOnASpike()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        var set = await client.SendAsync(HttpMethod.Put, "/api/listening/watchlist", admin, new { terms = new[] { " Vélo* ", "velo*", "rival bikes" } });
        Assert.Equal(HttpStatusCode.OK, set.StatusCode);
        Assert.Equal(["Vélo*", "rival bikes"], (await set.JsonAsync()).GetProperty("terms").EnumerateArray().Select(t => t.GetString()));
        await Forum.CaughtUpAsync(ListeningProjection.ProjectionName);

        await using var live = await LiveClient.ConnectAsync(Forum, admin.AccessToken);
        await live.SubscribeAsync("moderation");

        var log = new AnalyticsFixture(Forum.Store);
        var fan = Guid.NewGuid();
        await log.MemberAsync(fan, "fan", DateTimeOffset.UtcNow.AddDays(-3));
        var hour = ListeningSchema.StartOfHour(DateTimeOffset.UtcNow);
        var topic = Guid.NewGuid();
        await log.TopicAsync(topic, "news", fan, hour.AddHours(-5));               // "Hello, what do you think?": no term
        string[] bodies = ["My VELO is great", "Les vélos électriques", "Un vélomoteur ancien", "velo velo velo", "Vélo du jour", "Who has a VÉLO?", "I develop apps"];
        await log.ReplyAsync(topic, fan, hour.AddHours(-5), "One velo earlier today, and rival  bikes");
        foreach (var body in bodies)
        {
            await log.ReplyAsync(topic, fan, hour.AddSeconds(1), body);
        }

        var spike = await live.WaitForMessageAsync("event", e => e.GetProperty("type").GetString() == "listening-spike", TimeSpan.FromSeconds(30));
        var data = spike.GetProperty("data");
        Assert.Equal(("Vélo*", 6, 0.04), (data.GetProperty("term").GetString(), data.GetProperty("count").GetInt32(), data.GetProperty("trailingAverage").GetDouble()));
        await Task.Delay(1500); // more checks on this node find the same spike already recorded
        Assert.Single(await Forum.Store.ReadStreamAsync(SpikeWatch.StreamId("Vélo*", hour)));
        Assert.Empty(await Forum.Store.ReadStreamAsync(SpikeWatch.StreamId("rival bikes", hour)));

        var day = hour.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var from = hour.AddHours(-5).UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var mentions = await (await client.SendAsync(HttpMethod.Get, $"/api/listening/mentions?term={Uri.EscapeDataString("Vélo*")}&from={from}&to={day}&interval=hour", admin)).JsonAsync();
        var term = Assert.Single(mentions.GetProperty("terms").EnumerateArray());
        Assert.Equal(7, term.GetProperty("total").GetInt64());
        var points = term.GetProperty("points").EnumerateArray().ToDictionary(p => p.GetProperty("date").GetString()!, p => p.GetProperty("value").GetDouble());
        Assert.Equal(6, points[hour.UtcDateTime.ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture) + ":00Z"]);
        var latest = term.GetProperty("latest").EnumerateArray().Select(m => m.GetProperty("excerpt").GetString()).ToList();
        Assert.Equal(7, latest.Count);
        Assert.Equal("One velo earlier today, and rival  bikes", latest[^1]); // newest first
        Assert.DoesNotContain("I develop apps", latest);

        var all = await (await client.SendAsync(HttpMethod.Get, $"/api/listening/mentions?from={from}&to={day}&interval=day", admin)).JsonAsync();
        Assert.Equal([("Vélo*", 7L), ("rival bikes", 1L)], all.GetProperty("terms").EnumerateArray().Select(t => (t.GetProperty("term").GetString(), t.GetProperty("total").GetInt64())));

        var page = await (await client.SendAsync(HttpMethod.Get, "/moderation/listening", admin)).Content.ReadAsStringAsync();
        Assert.Equal(2, page.Split("<svg").Length - 1);
    }

    [Fact]
    public async Task RefusesBadWatchlistsAndUnknownTerms()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var fan = await client.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, "/api/listening/watchlist", fan, new { terms = new[] { "velo" } })).StatusCode);
        var stars = await client.SendAsync(HttpMethod.Put, "/api/listening/watchlist", admin, new { terms = new[] { "**" } });
        Assert.Equal(HttpStatusCode.BadRequest, stars.StatusCode);
        Assert.True((await stars.JsonAsync()).GetProperty("errors").TryGetProperty("terms", out _));
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Put, "/api/listening/watchlist", admin, new { })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Get, "/api/listening/mentions?interval=minute", admin)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Get, "/api/listening/mentions?from=2026-01-01&to=2026-06-01&interval=hour", admin)).StatusCode);
        var unknown = await client.SendAsync(HttpMethod.Get, "/api/listening/mentions?term=nothing", admin);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("term-not-found", (await unknown.JsonAsync()).GetProperty("code").GetString());
    }
}

public sealed class SqliteListeningTests() : ListeningTests(StorageEngine.Sqlite);

public sealed class PostgresListeningTests() : ListeningTests(StorageEngine.Postgres);
