using System.Net;
using System.Text.Json;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Animation;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Referrals;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandForum.Server.Tests.Animation;

public abstract class ContestTests(StorageEngine engine) : AnimationTest(engine)
{
    [Fact]
    public async Task StaffPickWinnersAmongEntriesWhoGetTheBadgeAndANotification()
    {
        var (client, admin) = await ForumAsync();
        var topicId = (await StartAsync(client, admin, "Photo contest: your best ride")).GetProperty("topicId").GetString()!;
        var fan = await client.SignUpAndInAsync("fan");
        var deadline = DateTimeOffset.UtcNow.AddSeconds(3);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/contest", fan, new { deadline })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/contest", admin, new { deadline })).StatusCode);
        var entry = await ReplyAsync(client, fan, topicId, "Sunrise over the lake, taken on my morning ride.");
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/contest/winners", admin, new { postIds = new[] { entry } }), HttpStatusCode.Conflict, "contest-open");
        await using var fanLive = await LiveClient.ConnectAsync(Forum, fan.AccessToken);
        await fanLive.SubscribeAsync("me", after: (await Forum.Store.ReadHeadAsync()).Position);

        await Task.Delay(deadline - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "A late entry, sorry!" }), HttpStatusCode.Conflict, "contest-closed");
        var results = await ReplyAsync(client, admin, topicId, "Thanks all, results below."); // staff still post
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/contest/winners", admin, new { postIds = new[] { results } }), HttpStatusCode.UnprocessableEntity, "not-an-entry");
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/contest/winners", fan, new { postIds = new[] { entry } }), HttpStatusCode.Forbidden, "not-allowed");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/contest/winners", admin, new { postIds = new[] { entry } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/contest/winners", admin, new { postIds = new[] { entry } })).StatusCode); // again: nothing more

        var won = await fanLive.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "contest-won"));
        Assert.Equal(entry, won.Single(x => x.GetProperty("type").GetString() == "contest-won").GetProperty("data").GetProperty("postId").GetString());
        var contest = (await TopicAsync(client, topicId)).GetProperty("contest");
        Assert.True(contest.GetProperty("closed").GetBoolean());
        Assert.Equal(entry, contest.GetProperty("winners").EnumerateArray().Single().GetProperty("postId").GetString());

        await WinnerBadgesAsync(client, "fan", 1); // the repeated pick granted nothing more
        await fanLive.WaitForAsync(e => e.Any(IsWinnerNotice), TimeSpan.FromSeconds(30));
        await Task.Delay(1500); // the notifier runs twice a second: a second notice would be here by now
        Assert.Single([.. fanLive.Events], IsWinnerNotice);
        Assert.Single([.. fanLive.Events], x => x.GetProperty("type").GetString() == "contest-won");
    }

    /// <summary>
    /// The state a crash right after the topic's append leaves (the winners event, no grant yet) is all the request
    /// writes: the follower grants from the log. Replaying the log from the start — a crash between a grant and the
    /// checkpoint — grants nothing twice, and a win staff revoked stays revoked.
    /// </summary>
    [Fact]
    public async Task TheWinnersBadgeIsGrantedFromTheLogExactlyOnce()
    {
        var (client, admin) = await ForumAsync();
        var topicId = (await StartAsync(client, admin, "Caption contest")).GetProperty("topicId").GetString()!;
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = await client.IdAsync(fan);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/topics/{topicId}/contest", admin, new { deadline = DateTimeOffset.UtcNow.AddSeconds(2) })).StatusCode);
        var entry = await ReplyAsync(client, fan, topicId, "A bike is a sofa that took up sport.");
        await Task.Delay(2200);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/contest/winners", admin, new { postIds = new[] { entry } })).StatusCode);
        Assert.Contains(await Forum.Store.ReadStreamAsync($"topic-{topicId}"), e => e.Data is ContestWinnersPicked);
        await WinnerBadgesAsync(client, "fan", 1);

        await Forum.Store.ExecuteAsync("UPDATE es_checkpoints SET position = 0 WHERE name = @n", default, ("n", ContestWinnerBadges.CheckpointName));
        Assert.Equal(0, await ReplayedFollower().CatchUpAsync(default));
        Assert.Single(await Forum.Store.ReadStreamAsync($"badges-{fanId}"));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{fanId}/badges/contest-winner?reason=cheated", admin)).StatusCode);
        await Forum.Store.ExecuteAsync("UPDATE es_checkpoints SET position = 0 WHERE name = @n", default, ("n", ContestWinnerBadges.CheckpointName));
        Assert.Equal(0, await ReplayedFollower().CatchUpAsync(default));
        Assert.Equal(2, (await Forum.Store.ReadStreamAsync($"badges-{fanId}")).Count); // the grant and the revoke, nothing after
        await WinnerBadgesAsync(client, "fan", 0);
    }

    /// <summary>A follower as a restarted node has it: nothing in memory, so it starts from the saved checkpoint.</summary>
    private ContestWinnerBadges ReplayedFollower() => new(Forum.Store, TimeProvider.System, NullLogger<ContestWinnerBadges>.Instance);

    private static bool IsWinnerNotice(JsonElement x) =>
        x.GetProperty("type").GetString() == "badge-awarded" && x.GetProperty("data").GetProperty("badge").GetString() == "contest-winner";

    /// <summary>Waits (at most 30 s, the badges projection is async) until the member holds the badge <paramref name="count"/> times.</summary>
    private static async Task WinnerBadgesAsync(HttpClient client, string userName, int count)
    {
        for (var attempt = 0; ; attempt++)
        {
            var badges = (await (await client.GetAsync(new Uri($"/api/members/{userName}/badges", UriKind.Relative))).JsonAsync()).EnumerateArray();
            if (badges.Count(b => b.GetProperty("badge").GetString() == "contest-winner") == count)
            {
                return;
            }

            Assert.True(attempt < 300, $"The member never held the winner's badge {count} time(s).");
            await Task.Delay(100);
        }
    }
}

public sealed class SqliteContestTests() : ContestTests(StorageEngine.Sqlite);

public sealed class PostgresContestTests() : ContestTests(StorageEngine.Postgres);
