using System.Globalization;
using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Pages;

namespace BrandForum.Server.Tests.Topics;

/// <summary>Staff see a topic as it was at a past instant, rebuilt from the log.</summary>
public abstract class TimeTravelTests(StorageEngine engine) : StaffPagesTest(engine)
{
    [Fact]
    public async Task ShowsTheTextBeforeAnEditAndAPostDeletedSinceToStaffOnly()
    {
        var topicId = await ForumWithTopicAsync();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var fan = await client.SignUpAndInAsync("fan");
        var beforeTopic = DateTimeOffset.UtcNow.AddMinutes(-10);
        var reply = await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "The original wording of my reply." });
        var postId = (await reply.JsonAsync()).GetProperty("postId").GetString();
        var beforeEdit = await InstantAsync();
        Assert.True((await client.SendAsync(HttpMethod.Put, $"/api/posts/{postId}", fan, new { body = "The corrected wording of my reply." })).IsSuccessStatusCode);
        var afterEdit = await InstantAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{postId}", admin)).StatusCode);

        var then = await AsOfAsync(client, admin, topicId, beforeEdit);
        Assert.Equal(2, then.GetProperty("totalPosts").GetInt32());
        var post = Post(then, postId);
        Assert.Contains("The original wording of my reply.", post.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.False(post.GetProperty("deleted").GetBoolean()); // deleted later: present then
        Assert.Equal(JsonValueKind.Null, post.GetProperty("editedAt").ValueKind);

        var edited = Post(await AsOfAsync(client, admin, topicId, afterEdit), postId);
        Assert.Contains("The corrected wording of my reply.", edited.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.False(edited.GetProperty("deleted").GetBoolean());
        Assert.True(Post(await AsOfAsync(client, admin, topicId, DateTimeOffset.UtcNow.AddMinutes(1)), postId).GetProperty("deleted").GetBoolean());

        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Get, Url(topicId, beforeTopic), admin)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, Url(topicId, afterEdit), fan)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, Url(topicId, afterEdit), null)).StatusCode);

        var moderator = await WebClientAsync("mod");
        var page = await PageAsync(moderator, Url(topicId, beforeEdit).Replace("/api/topics/", "/t/", StringComparison.Ordinal));
        Assert.NotNull(page.QuerySelector("[data-as-of]"));
        Assert.Contains("The original wording of my reply.", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("The corrected wording", page.Body.TextContent, StringComparison.Ordinal);
        Assert.Null(page.QuerySelector("form[action*='handler=Reply']"));
    }

    /// <summary>An instant strictly between what was recorded before and what will be recorded after.</summary>
    private static async Task<DateTimeOffset> InstantAsync()
    {
        await Task.Delay(50);
        var at = DateTimeOffset.UtcNow;
        await Task.Delay(50);
        return at;
    }

    private static string Url(string topicId, DateTimeOffset asOf) => $"/api/topics/{topicId}?asOf={Uri.EscapeDataString(asOf.ToString("O", CultureInfo.InvariantCulture))}";

    private static async Task<JsonElement> AsOfAsync(HttpClient client, Tokens staff, string topicId, DateTimeOffset asOf)
    {
        var response = await client.SendAsync(HttpMethod.Get, Url(topicId, asOf), staff);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    private static JsonElement Post(JsonElement topic, string? postId) =>
        topic.GetProperty("posts").EnumerateArray().Single(p => p.GetProperty("postId").GetString() == postId);
}

public sealed class SqliteTimeTravelTests() : TimeTravelTests(StorageEngine.Sqlite);

public sealed class PostgresTimeTravelTests() : TimeTravelTests(StorageEngine.Postgres);
