using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Referrals;

namespace BrandForum.Server.Tests.Badges;

public abstract class BadgeTests : ForumTest
{
    protected BadgeTests(StorageEngine engine)
        : base(engine)
    {
        Forum.WithBootstrapAdmin();
        Forum.TestServices = services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackClients>();
    }

    [Fact]
    public async Task FirstPostIsAwardedOnceAndTakenBackWhenNoPostIsLeft()
    {
        var (client, admin) = await ForumAsync();
        var fan = await client.SignUpAndInAsync("fan");
        var topic = await (await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Hello everyone", body = "Glad to be here." })).JsonAsync();
        var topicId = topic.GetProperty("topicId").GetString();
        var first = await WaitForAsync(client, "fan", badges => badges.Any(b => Id(b) == "first-post"));
        var badge = Assert.Single(first);
        Assert.Equal(("First Post", "bronze", "posts published: 1"), (badge.GetProperty("name").GetString(), badge.GetProperty("tier").GetString(), badge.GetProperty("reason").GetString()));
        Assert.True(badge.GetProperty("awardedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));

        var reply = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "And a second thought." })).JsonAsync();
        var fanId = await client.IdAsync(fan);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge = "event-host", reason = "Ran the June meetup" })).StatusCode);
        var later = await WaitForAsync(client, "fan", badges => badges.Any(b => Id(b) == "event-host")); // the grant came after the reply: the reply was seen
        Assert.Equal(["first-post", "event-host"], later.Select(Id));
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/me", fan)).JsonAsync();
        Assert.Equal(later.Select(b => b.GetRawText()), me.GetProperty("badges").EnumerateArray().Select(b => b.GetRawText()));

        var profile = await (await client.GetAsync(new Uri("/u/fan", UriKind.Relative))).Content.ReadAsStringAsync();
        Assert.Contains("First Post", profile, StringComparison.Ordinal);
        Assert.Contains("Event Host", profile, StringComparison.Ordinal);

        var board = await (await client.GetAsync(new Uri("/api/leaderboards/contributors?period=week", UriKind.Relative))).JsonAsync();
        var top = Assert.Single(board.EnumerateArray()); // the admin's posts do not rank: staff are left out
        Assert.Equal((1, "fan", 2L), (top.GetProperty("rank").GetInt32(), top.GetProperty("userName").GetString(), top.GetProperty("score").GetInt64()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{reply.GetProperty("postId").GetString()}", fan)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{topic.GetProperty("postId").GetString()}", fan)).StatusCode);
        var revoked = await WaitForAsync(client, "fan", badges => badges.All(b => Id(b) != "first-post"));
        Assert.Equal(["event-host"], revoked.Select(Id)); // First Post is revocable: no post is left
    }

    [Fact]
    public async Task ConversationStarterComesWithTheFifthTopicAndStaysWhenOneIsDeleted()
    {
        var (client, _) = await ForumAsync();
        var fan = await client.SignUpAndInAsync("talker");
        string? lastPost = null;
        string[] titles = ["Favourite trails", "Winter tyres", "Charging at work", "Best saddle bags", "Rain gear tips"];
        foreach (var title in titles)
        {
            var created = await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title, body = "What do you all think about this?" });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            lastPost = (await created.JsonAsync()).GetProperty("postId").GetString();
        }

        var badges = await WaitForAsync(client, "talker", b => b.Any(x => Id(x) == "conversation-starter"));
        Assert.Equal("topics started: 5", badges.Single(b => Id(b) == "conversation-starter").GetProperty("reason").GetString());
        Assert.Single(badges, b => Id(b) == "first-post");

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{lastPost}", fan)).StatusCode);
        var catalogue = await WaitForCatalogueAsync(client, c => Holders(c, "conversation-starter") == 1);
        await Task.Delay(500);
        Assert.Contains(await BadgesAsync(client, "talker"), b => Id(b) == "conversation-starter"); // not revocable

        var entry = catalogue.Single(c => c.GetProperty("badge").GetString() == "conversation-starter");
        Assert.Equal(("topics", 5, false), (entry.GetProperty("rule").GetString(), entry.GetProperty("threshold").GetInt32(), entry.GetProperty("revocable").GetBoolean()));
    }

    [Fact]
    public async Task HelpfulComesWithTheTenthReactionFromOthersAndStaysWhenOneIsRemoved()
    {
        var (client, _) = await ForumAsync();
        var author = await client.SignUpAndInAsync("author");
        var postId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", author, new { category = "news", title = "Route tips", body = "Take the river path, it is flat." })).JsonAsync()).GetProperty("postId").GetString();
        var readers = new[] { await client.SignUpAndInAsync("reader1"), await client.SignUpAndInAsync("reader2") };
        string[] kinds = ["like", "love", "haha", "wow", "insightful"];
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/sad", author)).StatusCode); // one's own: not counted
        foreach (var kind in kinds)
        {
            Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/{kind}", readers[0])).StatusCode);
        }

        foreach (var kind in kinds[..4])
        {
            await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/{kind}", readers[1]);
        }

        await client.SendAsync(HttpMethod.Post, $"/api/members/{await client.IdAsync(author)}/badges", await client.SignInAsync("root", ForumFactory.AdminPassword), new { badge = "event-host", reason = "Marks the place" });
        var nine = await WaitForAsync(client, "author", b => b.Any(x => Id(x) == "event-host"));
        Assert.DoesNotContain(nine, b => Id(b) == "helpful-bronze"); // 9 from others, 1 of their own

        await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/insightful", readers[1]);
        var ten = await WaitForAsync(client, "author", b => b.Any(x => Id(x) == "helpful-bronze"));
        var helpful = ten.Single(b => Id(b) == "helpful-bronze");
        Assert.Equal(("Helpful", "bronze", "reactions received: 10"), (helpful.GetProperty("name").GetString(), helpful.GetProperty("tier").GetString(), helpful.GetProperty("reason").GetString()));

        var helpers = await (await client.GetAsync(new Uri("/api/leaderboards/helpers?period=month", UriKind.Relative))).JsonAsync();
        Assert.Equal(("author", 10L), (helpers[0].GetProperty("userName").GetString(), helpers[0].GetProperty("score").GetInt64()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{postId}/reactions/like", readers[0])).StatusCode);
        await WaitForLeaderboardAsync(client, "/api/leaderboards/helpers", rows => rows[0].GetProperty("score").GetInt64() == 9);
        Assert.Contains(await BadgesAsync(client, "author"), b => Id(b) == "helpful-bronze"); // not revocable
    }

    [Fact]
    public async Task StaffGrantAndRevokeManualBadgesMembersAndAnonymousMayNot()
    {
        var (client, admin) = await ForumAsync();
        var fan = await client.SignUpAndInAsync("fan");
        var other = await client.SignUpAndInAsync("other");
        var fanId = await client.IdAsync(fan);
        var grant = new { badge = "event-host", reason = "Hosted the spring ride" };

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", null, grant)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", other, grant)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", fan, grant)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge = "first-post", reason = "Nice" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge = "event-host" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/members/{Guid.NewGuid()}/badges", admin, grant)).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, grant)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge = "event-host", reason = "Hosted the autumn ride" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge = "community-hero", reason = "Saved the day" })).StatusCode);
        var conflict = await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge = "community-hero", reason = "Again" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode); // single-award
        Assert.Equal("badge-exists", (await conflict.JsonAsync()).GetProperty("code").GetString());

        var held = await WaitForAsync(client, "fan", b => b.Count == 3);
        Assert.Equal(["Hosted the spring ride", "Hosted the autumn ride", "Saved the day"], held.Select(b => b.GetProperty("reason").GetString()));

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{fanId}/badges/event-host", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{fanId}/badges/event-host", fan)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{fanId}/badges/community-hero", admin)).StatusCode); // not revocable
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{fanId}/badges/event-host?reason=Double+entry", admin)).StatusCode);
        var after = await WaitForAsync(client, "fan", b => b.Count == 2);
        Assert.Equal(["event-host", "community-hero"], after.Select(Id));
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{await client.IdAsync(other)}/badges/event-host", admin)).StatusCode);

        var catalogue = await WaitForCatalogueAsync(client, c => Holders(c, "event-host") == 1);
        Assert.Equal(1, Holders(catalogue, "community-hero"));
        Assert.Equal(0, Holders(catalogue, "recruiter-3"));
        Assert.Contains(catalogue, c => c.GetProperty("badge").GetString() == "helpful-gold" && c.GetProperty("tier").GetString() == "gold" && c.GetProperty("threshold").GetInt32() == 250);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/members/nobody/badges", UriKind.Relative))).StatusCode);

        var audit = new List<JsonElement>();
        for (var attempt = 0; audit.Count == 0 && attempt < 100; attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 100); // the trail is async too
            audit = [.. (await (await client.SendAsync(HttpMethod.Get, "/api/moderation/audit?action=revoke-badge", admin)).JsonAsync()).GetProperty("items").EnumerateArray()];
        }

        var revoke = Assert.Single(audit);
        Assert.Equal(("Double entry", "event-host"), (revoke.GetProperty("reason").GetString(), revoke.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task AnAmbassadorEarnsRecruiterIWhenTheirNewcomerIsActivated()
    {
        var (client, admin) = await ForumAsync();
        var home = Forum.Browser("203.0.113.7");
        await ReferralClients.RegisterAsync(home, "amb", "amb@lumio.example");
        var ambassador = await home.SignInAsync("amb");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{await client.IdAsync(ambassador)}", admin, new { tier = 1 })).StatusCode);
        var code = (await client.ReferralAsync(ambassador)).GetProperty("code").GetString();

        var visitor = Forum.Browser("198.51.100.20");
        await ReferralClients.RegisterAsync(visitor, "newbie", "newbie@mail.example", code);
        var newbie = await visitor.SignInAsync("newbie");
        var topicId = (await (await client.SendAsync(HttpMethod.Post, "/api/topics", newbie, new { category = "news", title = "My first ride", body = "Forty kilometres along the river." })).JsonAsync()).GetProperty("topicId").GetString();
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", newbie, new { body = "The battery still showed half full." });
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", newbie, new { body = "Next week I will try the hills." });
        Assert.Equal(1, await client.CountAsync(ambassador, "activated"));

        var badges = await WaitForAsync(client, "amb", b => b.Any(x => Id(x) == "recruiter-1"));
        Assert.Equal("activated referrals: 1", badges.Single(b => Id(b) == "recruiter-1").GetProperty("reason").GetString());
        var board = await (await client.GetAsync(new Uri("/api/leaderboards/referrals?period=all", UriKind.Relative))).JsonAsync();
        Assert.Equal("amb", Assert.Single(board.EnumerateArray()).GetProperty("userName").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(new Uri("/api/leaderboards/referrals?period=year", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/leaderboards/likes", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ARebuildReawardsTheSameBadgesFromTheLog()
    {
        var (client, admin) = await ForumAsync();
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = await client.IdAsync(fan);
        await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Hello everyone", body = "Glad to be here." });
        await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/badges", admin, new { badge = "event-host", reason = "Ran the June meetup" });
        var live = await WaitForAsync(client, "fan", b => b.Count == 2);
        var liveCatalogue = await WaitForCatalogueAsync(client, c => Holders(c, "event-host") == 1);
        var output = new StringWriter();

        var exitCode = await BrandForum.Server.Projections.ProjectionsCommand.RunAsync(Forum.Services, ["projections", "rebuild", "badges"], output);

        Assert.Equal(0, exitCode);
        Assert.Contains("badges: rebuilt from ", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(live.Select(b => b.GetRawText()), (await BadgesAsync(client, "fan")).Select(b => b.GetRawText()));
        Assert.Equal(liveCatalogue.Select(b => b.GetRawText()), (await WaitForCatalogueAsync(client, _ => true)).Select(b => b.GetRawText()));
    }

    [Fact]
    public async Task RegularComesWithTheTenthDayVisitedAndARebuildKeepsIt()
    {
        var (client, _) = await ForumAsync();
        var regular = await client.SignUpAndInAsync("regular");
        var memberId = Guid.Parse(await client.IdAsync(regular));
        Assert.Single(await Forum.Store.ReadStreamAsync($"visits-{memberId}")); // today's, recorded by the requests above

        // Nine earlier days, as Visits would have appended them then: the projection counts the log, not the clock.
        var today = DateTimeOffset.UtcNow;
        var earlier = Enumerable.Range(1, 8).Select(d => (object)new BrandForum.Domain.Members.MemberVisited(memberId, DateOnly.FromDateTime(today.AddDays(-d).UtcDateTime), today.AddDays(-d))).ToList();
        await Forum.Store.AppendAsync($"visits-{memberId}", ExpectedVersion.Any, earlier);
        await client.SendAsync(HttpMethod.Post, $"/api/members/{memberId}/badges", await client.SignInAsync("root", ForumFactory.AdminPassword), new { badge = "event-host", reason = "Marks the place" });
        var nine = await WaitForAsync(client, "regular", b => b.Any(x => Id(x) == "event-host"));
        Assert.DoesNotContain(nine, b => Id(b) == "regular-bronze");

        await Forum.Store.AppendAsync($"visits-{memberId}", ExpectedVersion.Any, [new BrandForum.Domain.Members.MemberVisited(memberId, DateOnly.FromDateTime(today.AddDays(-9).UtcDateTime), today.AddDays(-9))]);
        var live = await WaitForAsync(client, "regular", b => b.Any(x => Id(x) == "regular-bronze"));
        var badge = live.Single(b => Id(b) == "regular-bronze");
        Assert.Equal(("Regular", "bronze", "days visited: 10"), (badge.GetProperty("name").GetString(), badge.GetProperty("tier").GetString(), badge.GetProperty("reason").GetString()));
        var catalogue = await WaitForCatalogueAsync(client, c => Holders(c, "regular-bronze") == 1);
        var entry = catalogue.Single(c => c.GetProperty("badge").GetString() == "regular-silver");
        Assert.Equal(("visits", 50), (entry.GetProperty("rule").GetString(), entry.GetProperty("threshold").GetInt32()));

        Assert.Equal(0, await BrandForum.Server.Projections.ProjectionsCommand.RunAsync(Forum.Services, ["projections", "rebuild", "badges"], new StringWriter()));
        Assert.Equal(live.Select(b => b.GetRawText()), (await BadgesAsync(client, "regular")).Select(b => b.GetRawText()));
    }

    [Fact]
    public async Task LeaderboardsKeepDailyActivityForTheLongestPeriodOnlyAndARebuildRanksTheSame()
    {
        var (client, _) = await ForumAsync();
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = Guid.Parse(await client.IdAsync(fan));
        var topic = await (await client.SendAsync(HttpMethod.Post, "/api/topics", fan, new { category = "news", title = "Hello everyone", body = "Glad to be here." })).JsonAsync();
        var topicId = Guid.Parse(topic.GetProperty("topicId").GetString()!);

        // A reply from six weeks ago, as the log would hold it: it counts all time, not this month.
        var old = DateTimeOffset.UtcNow.AddDays(-42);
        await Forum.Store.AppendAsync($"topic-{topicId}", ExpectedVersion.Any, [new BrandForum.Domain.Topics.PostPublished(Guid.CreateVersion7(old), 2, fanId, "An old reply.", null, old)]);
        var allTime = await WaitForBoardAsync(client, "contributors?period=all", board => board.Count == 1 && Score(board[0]) == 2);
        Assert.Equal(1, Score(Assert.Single(await BoardAsync(client, "contributors?period=month"))));

        Assert.Equal(0, await BrandForum.Server.Projections.ProjectionsCommand.RunAsync(Forum.Services, ["projections", "rebuild", "badges"], new StringWriter()));
        Assert.Equal(allTime.Select(r => r.GetRawText()), (await BoardAsync(client, "contributors?period=all")).Select(r => r.GetRawText()));
        Assert.Equal(1, Score(Assert.Single(await BoardAsync(client, "contributors?period=month"))));
        var since = DateTimeOffset.UtcNow.AddDays(-BrandForum.Server.Badges.BadgeReads.LongestPeriodDays - 2);
        var oldRows = await Forum.Store.QueryAsync("SELECT COUNT(*) FROM badge_activity_days WHERE day < @d", r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), default,
            ("d", BrandForum.Server.Badges.BadgeProjection.Day(Forum.Store.Engine, since)));
        Assert.Equal(0, oldRows[0]);
    }

    private async Task<(HttpClient Client, Tokens Admin)> ForumAsync()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" })).StatusCode);
        await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "Welcome to the forum", body = "Say hello below." });
        return (client, admin);
    }

    private static string? Id(JsonElement badge) => badge.GetProperty("badge").GetString();

    private static long Score(JsonElement row) => row.GetProperty("score").GetInt64();

    private static async Task<List<JsonElement>> BoardAsync(HttpClient client, string board) =>
        [.. (await (await client.GetAsync(new Uri($"/api/leaderboards/{board}", UriKind.Relative))).JsonAsync()).EnumerateArray()];

    private static async Task<List<JsonElement>> WaitForBoardAsync(HttpClient client, string board, Func<List<JsonElement>, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var rows = await BoardAsync(client, board);
            if (done(rows) || attempt == 100)
            {
                return rows;
            }

            await Task.Delay(100);
        }
    }

    private static long Holders(IReadOnlyList<JsonElement> catalogue, string badge) =>
        catalogue.Single(c => c.GetProperty("badge").GetString() == badge).GetProperty("holders").GetInt64();

    private static async Task<List<JsonElement>> BadgesAsync(HttpClient client, string userName)
    {
        var response = await client.GetAsync(new Uri($"/api/members/{userName}/badges", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return [.. (await response.JsonAsync()).EnumerateArray()];
    }

    /// <summary>Badges are an async projection: they follow the log within moments.</summary>
    private async Task<List<JsonElement>> WaitForAsync(HttpClient client, string userName, Func<List<JsonElement>, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var badges = await BadgesAsync(client, userName);
            if (done(badges))
            {
                return badges;
            }

            if (attempt == 300)
            {
                var state = await Forum.Store.QueryAsync(
                    "SELECT position, last_error FROM es_checkpoints WHERE name = 'badges'", r => $"checkpoint {r.GetValue(0)}, error {r.GetValue(1)}", CancellationToken.None);
                var head = await Forum.Store.ReadHeadAsync(CancellationToken.None);
                Assert.Fail($"Badges of {userName} never got there: {string.Join(", ", badges.Select(Id))}; {string.Join("; ", state)}; head {head.Position}");
            }

            await Task.Delay(100);
        }
    }

    private static async Task WaitForLeaderboardAsync(HttpClient client, string url, Func<List<JsonElement>, bool> done)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var rows = (await (await client.GetAsync(new Uri(url, UriKind.Relative))).JsonAsync()).EnumerateArray().ToList();
            if (rows.Count > 0 && done(rows))
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"{url} never got there.");
    }

    private static async Task<List<JsonElement>> WaitForCatalogueAsync(HttpClient client, Func<List<JsonElement>, bool> done)
    {
        for (var attempt = 0; ; attempt++)
        {
            var catalogue = (await (await client.GetAsync(new Uri("/api/badges", UriKind.Relative))).JsonAsync()).EnumerateArray().ToList();
            if (done(catalogue) || attempt == 100)
            {
                return catalogue;
            }

            await Task.Delay(100);
        }
    }
}

public sealed class SqliteBadgeTests() : BadgeTests(StorageEngine.Sqlite);

public sealed class PostgresBadgeTests() : BadgeTests(StorageEngine.Postgres);
