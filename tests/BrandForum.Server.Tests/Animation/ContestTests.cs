using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

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

        for (var attempt = 0; ; attempt++)
        {
            var badges = (await (await client.GetAsync(new Uri("/api/members/fan/badges", UriKind.Relative))).JsonAsync()).EnumerateArray().ToList();
            var winner = badges.Where(b => b.GetProperty("badge").GetString() == "contest-winner").ToList();
            if (winner.Count > 0)
            {
                Assert.Single(winner); // the repeated pick granted nothing more
                break;
            }

            Assert.True(attempt < 300, "The winner's badge never came.");
            await Task.Delay(100);
        }
    }
}

public sealed class SqliteContestTests() : ContestTests(StorageEngine.Sqlite);

public sealed class PostgresContestTests() : ContestTests(StorageEngine.Postgres);
