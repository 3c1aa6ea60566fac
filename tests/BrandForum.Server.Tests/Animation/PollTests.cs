using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Animation;

public abstract class PollTests(StorageEngine engine) : AnimationTest(engine)
{
    [Fact]
    public async Task MembersVoteOnceAndChangeTheirVoteAndSeeResultsAfterVoting()
    {
        var (client, admin) = await ForumAsync();
        var topic = await StartAsync(client, admin, "Which colour next?", new { question = "Which colour?", options = new[] { "Red", "Blue", "Green" }, multiple = false, results = "onVote" });
        var topicId = topic.GetProperty("topicId").GetString()!;
        var fan = await client.SignUpAndInAsync("fan");
        var other = await client.SignUpAndInAsync("other");

        var before = (await TopicAsync(client, topicId)).GetProperty("poll");
        var pollId = before.GetProperty("pollId").GetString();
        Assert.Equal(("Which colour?", 0, false), (before.GetProperty("question").GetString(), before.GetProperty("voters").GetInt32(), before.GetProperty("resultsVisible").GetBoolean()));
        Assert.All(before.GetProperty("options").EnumerateArray(), o => Assert.Equal(JsonValueKind.Null, o.GetProperty("votes").ValueKind));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { options = new[] { 1 } })).StatusCode);
        var voter = (await TopicAsync(client, topicId, fan)).GetProperty("poll");
        Assert.Equal(new[] { 0, 1, 0 }, Counts(voter));
        Assert.Equal(new[] { 1 }, voter.GetProperty("myVote").EnumerateArray().Select(x => x.GetInt32()));
        var notYet = (await TopicAsync(client, topicId, other)).GetProperty("poll");
        Assert.False(notYet.GetProperty("resultsVisible").GetBoolean()); // results after voting: not for who has not voted
        Assert.Equal(1, notYet.GetProperty("voters").GetInt32());
        Assert.Equal(new[] { 0, 1, 0 }, Counts((await TopicAsync(client, topicId, admin)).GetProperty("poll"))); // staff always see them

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { options = new[] { 2 } })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", other, new { options = new[] { 2 } })).StatusCode);
        var changed = (await TopicAsync(client, topicId, fan)).GetProperty("poll");
        Assert.Equal(new[] { 0, 0, 2 }, Counts(changed)); // one vote per member: the change replaced the first
        Assert.Equal(2, changed.GetProperty("voters").GetInt32());
    }

    [Fact]
    public async Task RefusesBadPollsAndBadBallots()
    {
        var (client, admin) = await ForumAsync();
        var bad = await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "A poll of one", body = "Vote!", poll = new { question = "Yes?", options = new[] { "Yes" } } });
        await AssertProblemAsync(bad, HttpStatusCode.BadRequest);
        Assert.True((await bad.JsonAsync()).GetProperty("errors").TryGetProperty("poll.options", out _));
        await AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "A late poll", body = "Vote!", poll = new { question = "When?", options = new[] { "A", "B" }, closesAt = DateTimeOffset.UtcNow.AddMinutes(-1) } }),
            HttpStatusCode.BadRequest);
        await AssertProblemAsync(
            await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "A strange poll", body = "Vote!", poll = new { question = "How?", options = new[] { "A", "B" }, results = "never" } }),
            HttpStatusCode.BadRequest);

        var topic = await StartAsync(client, admin, "Pick your flavours", new { question = "Flavours?", options = new[] { "Vanilla", "Mint" }, multiple = false });
        var pollId = (await TopicAsync(client, topic.GetProperty("topicId").GetString()!)).GetProperty("poll").GetProperty("pollId").GetString();
        var fan = await client.SignUpAndInAsync("fan");
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { options = new[] { 2 } }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { options = new[] { 0, 1 } }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/polls/{Guid.NewGuid()}/votes", fan, new { options = new[] { 0 } }), HttpStatusCode.NotFound, "poll-not-found");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", null, new { options = new[] { 0 } })).StatusCode);
    }

    [Fact]
    public async Task APollClosesAtItsTimeAndThenShowsItsResultsToEveryone()
    {
        var (client, admin) = await ForumAsync();
        var closesAt = DateTimeOffset.UtcNow.AddSeconds(3);
        var topic = await StartAsync(client, admin, "A quick poll", new { question = "Now?", options = new[] { "Yes", "No" }, closesAt, results = "onClose" });
        var topicId = topic.GetProperty("topicId").GetString()!;
        var pollId = (await TopicAsync(client, topicId)).GetProperty("poll").GetProperty("pollId").GetString();
        var fan = await client.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { options = new[] { 0 } })).StatusCode);
        Assert.False((await TopicAsync(client, topicId, fan)).GetProperty("poll").GetProperty("resultsVisible").GetBoolean()); // results on closing only

        await Task.Delay(closesAt - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { options = new[] { 1 } }), HttpStatusCode.Conflict, "poll-closed");
        var closed = (await TopicAsync(client, topicId)).GetProperty("poll");
        Assert.True(closed.GetProperty("closed").GetBoolean());
        Assert.Equal(new[] { 1, 0 }, Counts(closed));
    }

    [Fact]
    public async Task AVotePushesTheNewCountsToTheTopicsReaders()
    {
        var (client, admin) = await ForumAsync();
        var topic = await StartAsync(client, admin, "Live poll", new { question = "Tea or coffee?", options = new[] { "Tea", "Coffee" } });
        var topicId = topic.GetProperty("topicId").GetString()!;
        var pollId = (await TopicAsync(client, topicId)).GetProperty("poll").GetProperty("pollId").GetString();
        var fan = await client.SignUpAndInAsync("fan");
        await using var reader = await LiveClient.ConnectAsync(Forum);
        await reader.SubscribeAsync($"topic:{topicId}", after: (await Forum.Store.ReadHeadAsync()).Position);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", fan, new { options = new[] { 1 } })).StatusCode);

        var received = await reader.WaitForAsync(e => e.Any(x => x.GetProperty("type").GetString() == "poll-updated"));
        var data = received.Single(x => x.GetProperty("type").GetString() == "poll-updated").GetProperty("data");
        Assert.Equal(pollId, data.GetProperty("pollId").GetString());
        Assert.Equal(1, data.GetProperty("voters").GetInt32());
        Assert.Equal(new[] { 0, 1 }, Counts(data));
    }

    private static int[] Counts(JsonElement poll) => [.. poll.GetProperty("options").EnumerateArray().Select(o => o.GetProperty("votes").GetInt32())];
}

public sealed class SqlitePollTests() : PollTests(StorageEngine.Sqlite);

public sealed class PostgresPollTests() : PollTests(StorageEngine.Postgres);
