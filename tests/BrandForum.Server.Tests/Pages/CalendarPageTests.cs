using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Pages;

/// <summary>
/// The editorial calendar in a CM's time zone: the pick is remembered on the device, days and times show in it, the
/// forms read local times in it, and the API still speaks UTC. Dates are in 2030 so Paris is UTC+1 in January and
/// UTC+2 in July; 31 March 2030 02:30 does not exist there (summer time starts).
/// </summary>
public abstract class CalendarPageTests(StorageEngine engine) : StaffPagesTest(engine)
{
    private const string Calendar = "/moderation/calendar";

    [Fact]
    public async Task ACmSeesAndSchedulesInTheirOwnTimeZone()
    {
        await ForumWithTopicAsync();
        var cm = await WebClientAsync("mod");
        Assert.Contains("Times are in UTC.", (await PageAsync(cm, Calendar)).QuerySelector("#calendar-heading + p")!.TextContent, StringComparison.Ordinal);

        await PostFormAsync(cm, Calendar, Calendar + "?handler=Zone", new() { ["zone"] = "Mars/Olympus_Mons" });
        Assert.Equal("Unknown time zone.", (await PageAsync(cm, Calendar)).QuerySelector("[role=status]")!.TextContent.Trim());
        await PostFormAsync(cm, Calendar, Calendar + "?handler=Zone", new() { ["zone"] = "Europe/Paris" });
        var page = await PageAsync(cm, Calendar);
        Assert.Equal("Times are now shown in Europe/Paris.", page.QuerySelector("[role=status]")!.TextContent.Trim());
        Assert.Equal("Europe/Paris", page.QuerySelector("select[name=zone] option[selected]")!.TextContent);

        // 00:30 in Paris on the 16th is still the 15th in UTC: the card sits on the local day, at the local time.
        await CreateAsync(cm, "Winter sale opens", "2030-01-16T00:30");
        var item = await ItemAsync("Winter sale opens");
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 23, 30, 0, TimeSpan.Zero), item.GetProperty("publishAt").GetDateTimeOffset());
        var week = await PageAsync(cm, $"{Calendar}?view=week&date=2030-01-16");
        var card = week.QuerySelector("[data-date='2030-01-16'] .item-card")!;
        Assert.Equal("00:30", card.QuerySelector("time")!.TextContent);
        Assert.Equal("2030-01-15T23:30:00.0000000Z", card.QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Empty(week.QuerySelectorAll("[data-date='2030-01-15'] .item-card"));

        // Rescheduling reads the local time too, summer time included; an hour the zone skips is refused.
        var itemId = item.GetProperty("itemId").GetString()!;
        await PostFormAsync(cm, Calendar, Calendar + "?handler=Reschedule", new() { ["itemId"] = itemId, ["publishAt"] = "2030-07-01T10:00" });
        Assert.Equal(new DateTimeOffset(2030, 7, 1, 8, 0, 0, TimeSpan.Zero), (await ApiAsync($"/api/editorial/items/{itemId}")).GetProperty("publishAt").GetDateTimeOffset());
        await PostFormAsync(cm, Calendar, Calendar + "?handler=Reschedule", new() { ["itemId"] = itemId, ["publishAt"] = "2030-03-31T02:30" });
        Assert.Equal("Give a date and time.", (await PageAsync(cm, Calendar)).QuerySelector("[role=status]")!.TextContent.Trim());

        // Another device (or CM) without the cookie sees the forum's default, UTC.
        var other = await WebClientAsync("root", ForumFactory.AdminPassword);
        var utc = await PageAsync(other, $"{Calendar}?view=week&date=2030-07-01");
        Assert.Equal("08:00", utc.QuerySelector("[data-date='2030-07-01'] .item-card time")!.TextContent);
    }

    private static async Task CreateAsync(HttpClient client, string title, string publishAt) =>
        Assert.Equal(HttpStatusCode.Redirect, (await PostFormAsync(client, Calendar, Calendar + "?handler=Create", new()
        {
            ["form.Category"] = "news", ["form.Title"] = title, ["form.Body"] = $"{title}: tell us what you think.", ["form.PublishAt"] = publishAt,
        })).StatusCode);

    private async Task<JsonElement> ItemAsync(string title) =>
        (await ApiAsync("/api/editorial/items?from=2030-01-01T00:00:00Z&to=2030-01-31T00:00:00Z")).GetProperty("items").EnumerateArray().Single(i => i.GetProperty("title").GetString() == title);

    private async Task<JsonElement> ApiAsync(string path)
    {
        var api = Forum.CreateClient();
        var admin = await api.SignInAsync("root", ForumFactory.AdminPassword);
        return await (await api.SendAsync(HttpMethod.Get, path, admin)).JsonAsync();
    }
}

public sealed class SqliteCalendarPageTests() : CalendarPageTests(StorageEngine.Sqlite);

public sealed class PostgresCalendarPageTests() : CalendarPageTests(StorageEngine.Postgres);
