using System.Globalization;
using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;

namespace BrandForum.Browser.Tests.Editorial;

/// <summary>The editorial calendar in Chromium: an item created through the form shows as a card; dragging it, or its form, moves it; a picked time zone shows local times.</summary>
public sealed class CalendarTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnItemShowsOnItsDayAndMovesWhenDraggedOrRescheduledThroughItsForm()
    {
        var page = await browser.NewPageAsync();
        var errors = PageSteps.CollectScriptErrors(page);
        await PageSteps.SignInAsync(page, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await PageSteps.CreateCategoryAsync(page, "Announcements", "announcements");

        var monday = Monday(DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7));
        var (wednesday, thursday, friday) = (monday.AddDays(2), monday.AddDays(3), monday.AddDays(4));
        await page.GotoAsync($"/moderation/calendar?view=week&date={Day(wednesday)}");
        await page.GetByLabel("Category").SelectOptionAsync("announcements");
        await page.GetByLabel("Title").FillAsync("Spring collection reveal");
        await page.GetByLabel("Text of the opening post").FillAsync("The spring collection is here: tell us your favourite piece.");
        await page.GetByLabel("Publish at (UTC)").Last.FillAsync($"{Day(wednesday)}T10:30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to the calendar" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Item added to the calendar.");

        var card = page.Locator(".item-card").Filter(new() { HasText = "Spring collection reveal" });
        await Assertions.Expect(page.Locator($"[data-date='{Day(wednesday)}'] .item-card")).ToContainTextAsync("Spring collection reveal");
        await Assertions.Expect(card).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("state-idea"));

        await card.DragToAsync(page.Locator($"[data-date='{Day(thursday)}']"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Item rescheduled.");
        await Assertions.Expect(page.Locator($"[data-date='{Day(thursday)}'] .item-card")).ToContainTextAsync("10:30");
        await Assertions.Expect(page.Locator($"[data-date='{Day(wednesday)}'] .item-card")).ToHaveCountAsync(0);

        // Without dragging: the card's own form.
        await card.GetByText("Edit").ClickAsync();
        await card.GetByLabel("Publish at (UTC)").FillAsync($"{Day(friday)}T09:15");
        await card.GetByRole(AriaRole.Button, new() { Name = "Reschedule" }).ClickAsync();
        await Assertions.Expect(page.Locator($"[data-date='{Day(friday)}'] .item-card")).ToContainTextAsync("09:15");
        await Assertions.Expect(page.Locator($"[data-date='{Day(thursday)}'] .item-card")).ToHaveCountAsync(0);

        await page.GotoAsync($"/moderation/calendar?view=month&date={Day(friday)}");
        await Assertions.Expect(page.Locator($"[data-date='{Day(friday)}'] .item-card")).ToContainTextAsync("Spring collection reveal");

        // In the CM's own zone: the card shows the local time, and dragging keeps it.
        await page.Locator("select[name=zone]").SelectOptionAsync("Europe/Paris");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Times are now shown in Europe/Paris.");
        var paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        var local = TimeZoneInfo.ConvertTime(new DateTimeOffset(friday.ToDateTime(new TimeOnly(9, 15)), TimeSpan.Zero), paris).ToString("HH:mm", CultureInfo.InvariantCulture);
        await Assertions.Expect(page.Locator($"[data-date='{Day(friday)}'] .item-card time")).ToHaveTextAsync(local);
        await card.DragToAsync(page.Locator($"[data-date='{Day(thursday)}']"));
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Item rescheduled.");
        await Assertions.Expect(page.Locator($"[data-date='{Day(thursday)}'] .item-card time")).ToHaveTextAsync(local);
        Assert.Empty(errors);
    }

    private static DateOnly Monday(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
