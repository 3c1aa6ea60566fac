using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Animation;

public abstract class SolutionTests(StorageEngine engine) : AnimationTest(engine)
{
    [Fact]
    public async Task TheAuthorMarksAReplyAsTheSolutionAndUndoesIt()
    {
        var (client, admin) = await ForumAsync();
        var alice = await client.SignUpAndInAsync("alice");
        var bob = await client.SignUpAndInAsync("bob");
        var carol = await client.SignUpAndInAsync("carol");
        var topic = await StartAsync(client, alice, "How do I pair my headset?");
        var topicId = topic.GetProperty("topicId").GetString()!;
        var bobs = await ReplyAsync(client, bob, topicId, "Hold the button for five seconds.");
        var carols = await ReplyAsync(client, carol, topicId, "Try updating the app first.");

        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/solution", carol, new { postId = bobs }), HttpStatusCode.Forbidden, "not-allowed");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/solution", alice, new { postId = bobs })).StatusCode);

        Assert.Equal(bobs, (await TopicAsync(client, topicId)).GetProperty("solvedBy").GetString());
        var list = await (await client.GetAsync(new Uri("/api/categories/news/topics", UriKind.Relative))).JsonAsync();
        Assert.True(list.GetProperty("items").EnumerateArray().Single().GetProperty("solved").GetBoolean());
        var page = await PageAsync(client, $"/t/{topicId}");
        Assert.Contains("class=\"card solution\"", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/p/{bobs}\"", page, StringComparison.Ordinal);
        Assert.Contains("Hold the button for five seconds.", page[page.IndexOf("class=\"card solution\"", StringComparison.Ordinal)..], StringComparison.Ordinal);
        Assert.Contains("Solved", await PageAsync(client, "/c/news"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/solution", admin, new { postId = carols })).StatusCode); // staff may too
        Assert.Equal(carols, (await TopicAsync(client, topicId)).GetProperty("solvedBy").GetString());
        var poll = await StartAsync(client, alice, "Which headset do you use?", new { question = "Brand?", options = new[] { "Ours", "Theirs" }, results = "always" });
        var pollId = (await TopicAsync(client, poll.GetProperty("topicId").GetString()!)).GetProperty("poll").GetProperty("pollId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/polls/{pollId}/votes", bob, new { options = new[] { 0 } })).StatusCode);
        var live = (await TopicAsync(client, topicId)).GetRawText() + (await TopicAsync(client, poll.GetProperty("topicId").GetString()!, bob)).GetRawText();

        var output = new StringWriter();
        Assert.Equal(0, await BrandForum.Server.Projections.ProjectionsCommand.RunAsync(Forum.Services, ["projections", "rebuild", "animation"], output));

        Assert.Contains("animation: rebuilt from ", output.ToString(), StringComparison.Ordinal);
        Forum.Services.GetRequiredService<BrandForum.Server.Topics.TopicPageCache>().Clear();
        Assert.Equal(live, (await TopicAsync(client, topicId)).GetRawText() + (await TopicAsync(client, poll.GetProperty("topicId").GetString()!, bob)).GetRawText()); // a rebuilt read model equals the live one
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/topics/{topicId}/solution", alice)).StatusCode);
        Assert.Equal(JsonValueKind.Null, (await TopicAsync(client, topicId)).GetProperty("solvedBy").ValueKind);
        Assert.DoesNotContain("class=\"card solution\"", await PageAsync(client, $"/t/{topicId}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyAPublishedReplyOfTheTopicCanBeItsSolution()
    {
        var (client, _) = await ForumAsync();
        var alice = await client.SignUpAndInAsync("alice");
        var bob = await client.SignUpAndInAsync("bob");
        var topic = await StartAsync(client, alice, "Battery drains overnight");
        var topicId = topic.GetProperty("topicId").GetString()!;
        var elsewhere = await StartAsync(client, bob, "Another question entirely");
        var reply = await ReplyAsync(client, bob, topicId, "Turn off the background sync.");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{reply}", bob)).StatusCode);

        foreach (var postId in new[] { topic.GetProperty("postId").GetString(), elsewhere.GetProperty("postId").GetString(), reply, Guid.NewGuid().ToString() })
        {
            await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/solution", alice, new { postId }), HttpStatusCode.UnprocessableEntity, "not-a-reply");
        }

        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/solution", alice, new { }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Post, $"/api/topics/{Guid.NewGuid()}/solution", alice, new { postId = reply }), HttpStatusCode.NotFound, "topic-not-found");
    }
}

public sealed class SqliteSolutionTests() : SolutionTests(StorageEngine.Sqlite);

public sealed class PostgresSolutionTests() : SolutionTests(StorageEngine.Postgres);
