using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Animation;

public abstract class AnnouncementTests(StorageEngine engine) : AnimationTest(engine)
{
    [Fact]
    public async Task ABannerShowsOnEveryPageUntilItEnds()
    {
        var (client, admin) = await ForumAsync();
        var topicId = (await StartAsync(client, admin, "Welcome to the forum")).GetProperty("topicId").GetString();
        var until = DateTimeOffset.UtcNow.AddSeconds(3);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, "/api/announcements", admin, new { text = "Meetup on **Saturday** <script>alert(1)</script>", until })).StatusCode);

        foreach (var path in new[] { "/", "/c/news", $"/t/{topicId}" })
        {
            var page = await PageAsync(client, path);
            Assert.Contains("class=\"announcement\"", page, StringComparison.Ordinal);
            Assert.Contains("Meetup on <strong>Saturday</strong>", page, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal); // through the posts' sanitizer
        }

        var api = await (await client.GetAsync(new Uri("/api/announcements", UriKind.Relative))).JsonAsync();
        Assert.Equal("Meetup on **Saturday** <script>alert(1)</script>", api.GetProperty("text").GetString());

        await Task.Delay(until - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));

        Assert.DoesNotContain("class=\"announcement\"", await PageAsync(client, "/"), StringComparison.Ordinal);
        Assert.DoesNotContain("class=\"announcement\"", await PageAsync(client, $"/t/{topicId}"), StringComparison.Ordinal); // not even from the visitors' page cache
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/announcements", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ABannerForSomeCategoriesShowsOnlyThereAndCanBeDismissedAndWithdrawn()
    {
        var (client, admin) = await ForumAsync();
        var topicId = (await StartAsync(client, admin, "Launch week news")).GetProperty("topicId").GetString();
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, "/api/announcements", admin, new { text = "Launch week!", categories = new[] { "news" } })).StatusCode);

        Assert.DoesNotContain("Launch week!", await PageAsync(client, "/"), StringComparison.Ordinal);
        Assert.Contains("Launch week!", await PageAsync(client, "/c/news"), StringComparison.Ordinal);
        Assert.Contains("Launch week!", await PageAsync(client, $"/t/{topicId}"), StringComparison.Ordinal);

        var id = (await (await client.GetAsync(new Uri("/api/announcements", UriKind.Relative))).JsonAsync()).GetProperty("announcementId").GetString();
        using var noRedirects = Forum.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var dismissed = await noRedirects.PostAsync(
            new Uri("/announcements/dismiss", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["id"] = id!, ["returnUrl"] = $"/t/{topicId}" }));
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        var cookie = dismissed.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
        Assert.DoesNotContain("Launch week!", await PageAsync(noRedirects, $"/t/{topicId}", cookie), StringComparison.Ordinal);
        Assert.Contains("Launch week!", await PageAsync(noRedirects, $"/t/{topicId}"), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, "/api/announcements", admin)).StatusCode);
        Assert.DoesNotContain("Launch week!", await PageAsync(client, "/c/news"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyStaffPublishAndBadAnnouncementsAreRefused()
    {
        var (client, admin) = await ForumAsync();
        var fan = await client.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Put, "/api/announcements", fan, new { text = "I am in charge now" })).StatusCode);
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Put, "/api/announcements", admin, new { text = " " }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Put, "/api/announcements", admin, new { text = "Old news", until = DateTimeOffset.UtcNow.AddHours(-1) }), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await client.SendAsync(HttpMethod.Put, "/api/announcements", admin, new { text = "Where?", categories = new[] { "nowhere" } }), HttpStatusCode.BadRequest);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/announcements", UriKind.Relative))).StatusCode);
    }
}

public sealed class SqliteAnnouncementTests() : AnnouncementTests(StorageEngine.Sqlite);

public sealed class PostgresAnnouncementTests() : AnnouncementTests(StorageEngine.Postgres);
