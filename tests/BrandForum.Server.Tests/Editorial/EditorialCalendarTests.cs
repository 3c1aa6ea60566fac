using System.Globalization;
using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Editorial;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Editorial;

public abstract class EditorialCalendarTests : ForumTest
{
    private readonly ShiftedClock _clock = new();

    protected EditorialCalendarTests(StorageEngine engine)
        : base(engine)
    {
        Forum.WithBootstrapAdmin();
        foreach (var (key, value) in EditorialDesk.Settings)
        {
            Forum.Settings[key] = value;
        }

        Forum.Settings["Forum:Editorial:BrandAccount"] = "root";
        Forum.TestServices = services => services.AddSingleton<TimeProvider>(_clock);
    }

    [Fact]
    public async Task ItemsMoveThroughTheWorkflowAndAnotherCmApproves()
    {
        var desk = await EditorialDesk.OpenAsync(Forum.CreateClient());
        var client = desk.Client;
        var item = new { category = "news", title = "Spring ride announcement", body = "Join us on the spring ride.", publishAt = DateTimeOffset.UtcNow.AddDays(3) };
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, "/api/editorial/items", null, item)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, "/api/editorial/items", desk.Member, item)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/api/editorial/items", desk.Cm, item with { category = "nowhere" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/api/editorial/items", desk.Cm, new { item.category, item.title, item.body })).StatusCode);
        var badRecurrence = await client.SendAsync(HttpMethod.Post, "/api/editorial/items", desk.Cm, new { item.category, item.title, item.body, item.publishAt, recurrence = new { weekly = new { day = "someday", time = "10:00", timeZone = "Europe/Paris" } } });
        Assert.Equal(HttpStatusCode.BadRequest, badRecurrence.StatusCode);
        Assert.Contains("recurrence", (await badRecurrence.JsonAsync()).GetProperty("errors").EnumerateObject().Select(p => p.Name));

        var created = await client.SendAsync(HttpMethod.Post, "/api/editorial/items", desk.Cm, item);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.JsonAsync();
        Assert.Equal("idea", body.GetProperty("state").GetString());
        var url = $"/api/editorial/items/{body.GetProperty("itemId").GetString()}";

        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { state = "scheduled" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { state = "published" })).StatusCode);
        var submitted = await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { title = "Spring ride: the route", state = "review" });
        Assert.Equal(HttpStatusCode.Conflict, submitted.StatusCode); // idea → review skips draft; the edit before it stays
        Assert.Equal("Spring ride: the route", (await desk.ItemAsync(body.GetProperty("itemId").GetString()!)).GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { state = "draft" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { state = "review" })).StatusCode);

        var own = await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { state = "scheduled" });
        Assert.Equal(HttpStatusCode.Forbidden, own.StatusCode);
        Assert.Equal("own-item-approval", (await own.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Patch, url, desk.Member, new { state = "scheduled" })).StatusCode);
        var approved = await client.SendAsync(HttpMethod.Patch, url, desk.Admin, new { state = "scheduled" });
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        var scheduled = await approved.JsonAsync();
        Assert.Equal(("scheduled", "root", "editor"), (scheduled.GetProperty("state").GetString(), scheduled.GetProperty("approvedBy").GetString(), scheduled.GetProperty("owner").GetString()));

        Assert.Equal(HttpStatusCode.Conflict, (await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { body = "Changed after approval." })).StatusCode);
        var moved = item.publishAt.AddDays(1);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { publishAt = moved })).StatusCode);
        var list = await (await client.SendAsync(HttpMethod.Get, $"/api/editorial/items?from={Q(moved.AddDays(-1))}&to={Q(moved.AddDays(1))}", desk.Cm)).JsonAsync();
        var listed = Assert.Single(list.GetProperty("items").EnumerateArray());
        Assert.Equal(moved.ToUnixTimeSeconds(), listed.GetProperty("publishAt").GetDateTimeOffset().ToUnixTimeSeconds());
        Assert.Empty((await (await client.SendAsync(HttpMethod.Get, $"/api/editorial/items?from={Q(item.publishAt.AddDays(-1))}&to={Q(item.publishAt.AddHours(1))}", desk.Cm)).JsonAsync()).GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Patch, url, desk.Cm, new { state = "cancelled" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Patch, $"/api/editorial/items/{Guid.NewGuid()}", desk.Cm, new { state = "draft" })).StatusCode);
    }

    [Fact]
    public async Task AScheduledItemIsPublishedOnceAtItsTimeAsTheBrand()
    {
        var desk = await EditorialDesk.OpenAsync(Forum.CreateClient());
        var itemId = await desk.ScheduleAsync("Meet the design team", _clock.GetUtcNow().AddMinutes(10), author: "brand");
        await Task.Delay(1000); // ten rounds of the publisher: not yet
        Assert.Equal("scheduled", (await desk.ItemAsync(itemId)).GetProperty("state").GetString());
        Assert.Equal(0, await TopicsTitledAsync("Meet the design team"));

        _clock.Advance(TimeSpan.FromMinutes(11));
        var item = await desk.WaitForPublicationsAsync(itemId, 1);
        Assert.Equal("published", item.GetProperty("state").GetString());
        var topicId = Assert.Single(item.GetProperty("publications").EnumerateArray()).GetProperty("topicId").GetString();
        var topic = await desk.TopicAsync(topicId!); // recorded first, then started: it may take a moment
        Assert.Equal("Meet the design team", topic.GetProperty("title").GetString());
        Assert.Contains("\"root\"", topic.GetRawText(), StringComparison.Ordinal); // under the brand's account

        // More rounds, and two more publishers racing without the lease: still one topic.
        var publisher = Forum.Services.GetRequiredService<EditorialPublisher>();
        await Task.WhenAll(publisher.PublishDueAsync(CancellationToken.None), publisher.PublishDueAsync(CancellationToken.None));
        await Task.Delay(500);
        Assert.Equal(1, await TopicsTitledAsync("Meet the design team"));
        Assert.Single((await desk.ItemAsync(itemId)).GetProperty("publications").EnumerateArray());
    }

    [Fact]
    public async Task ARecurringItemPublishesEachOccurrenceOnceAndSchedulesTheNext()
    {
        var desk = await EditorialDesk.OpenAsync(Forum.CreateClient());
        var now = _clock.GetUtcNow();
        var daily = now.AddHours(2);
        var rule = new { daily = new { time = daily.ToString("HH:mm", CultureInfo.InvariantCulture), timeZone = "UTC" } };
        var itemId = await desk.ScheduleAsync("Daily questions thread", now.AddMinutes(5), rule);
        var listed = await desk.ItemAsync(itemId);
        Assert.Equal("daily", listed.GetProperty("recurrence").EnumerateObject().Single(p => p.Value.ValueKind != System.Text.Json.JsonValueKind.Null).Name);

        _clock.Advance(TimeSpan.FromMinutes(6));
        var first = await desk.WaitForPublicationsAsync(itemId, 1);
        Assert.Equal("scheduled", first.GetProperty("state").GetString());
        var next = first.GetProperty("publishAt").GetDateTimeOffset();
        Assert.Equal((daily.Hour, daily.Minute), (next.UtcDateTime.Hour, next.UtcDateTime.Minute));
        Assert.InRange(next - _clock.GetUtcNow(), TimeSpan.Zero, TimeSpan.FromHours(24));

        _clock.Advance(next - _clock.GetUtcNow() + TimeSpan.FromMinutes(1));
        var admin = await desk.Client.SignInAsync("root", ForumFactory.AdminPassword); // the clock moved past the first tokens' lifetime
        var second = await desk.WaitForPublicationsAsync(itemId, 2, admin);
        var publications = second.GetProperty("publications").EnumerateArray().ToList();
        Assert.Equal([1, 2], publications.Select(p => p.GetProperty("occurrence").GetInt32()));
        Assert.NotEqual(publications[0].GetProperty("topicId").GetString(), publications[1].GetProperty("topicId").GetString());
        Assert.Equal(next.AddDays(1), second.GetProperty("publishAt").GetDateTimeOffset());
        await Task.Delay(500);
        Assert.Equal(2, await TopicsTitledAsync("Daily questions thread"));
    }

    private async Task<int> TopicsTitledAsync(string title) =>
        (await Forum.Store.QueryAsync("SELECT count(*) FROM topics WHERE title = @t", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), CancellationToken.None, ("t", title)))[0];

    private static string Q(DateTimeOffset at) => Uri.EscapeDataString(at.ToString("O", CultureInfo.InvariantCulture));
}

public sealed class SqliteEditorialCalendarTests() : EditorialCalendarTests(StorageEngine.Sqlite);

public sealed class PostgresEditorialCalendarTests() : EditorialCalendarTests(StorageEngine.Postgres);
