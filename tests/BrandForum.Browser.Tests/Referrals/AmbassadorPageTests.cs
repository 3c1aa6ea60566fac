using BrandForum.Browser.Tests.Infrastructure;
using Microsoft.Playwright;
using static BrandForum.Browser.Tests.Infrastructure.PageSteps;

namespace BrandForum.Browser.Tests.Referrals;

/// <summary>The ambassador programme in Chromium: a CM enrols a member from the console, a friend joins through their link, the ambassador's page shows it.</summary>
public sealed class AmbassadorPageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task TheAmbassadorPageShowsTheFunnelInNumbersAndAsAChart()
    {
        var ambassador = await browser.NewPageAsync();
        await RegisterAsync(ambassador, "ambra");
        var cm = await browser.NewPageAsync();
        await SignInAsync(cm, BrowserFixture.AdminUserName, BrowserFixture.AdminPassword);
        await cm.GotoAsync("/moderation/ambassadors");
        await cm.GetByPlaceholder("@name").FillAsync("ambra");
        await cm.GetByRole(AriaRole.Button, new() { Name = "Enrol", Exact = true }).First.ClickAsync();
        await Assertions.Expect(cm.GetByRole(AriaRole.Status)).ToHaveTextAsync("Saved.");
        await Assertions.Expect(cm.Locator("[data-ambassador=ambra]")).ToContainTextAsync("Ambassador");

        await ambassador.GotoAsync("/ambassador");
        var code = await ambassador.Locator("[data-referral-code]").TextContentAsync();
        var friend = await browser.NewPageAsync();
        await friend.GotoAsync($"/join/{code}"); // counts the visit and lands on the registration form with the code
        await RegisterAsync(friend, "ambrafriend", at: friend.Url, emailDomain: "mail.example"); // same address as the ambassador here, so not the same domain

        await ambassador.GotoAsync("/ambassador");
        await Assertions.Expect(ambassador.Locator("[data-stage=invited] strong")).ToHaveTextAsync("1");
        await Assertions.Expect(ambassador.Locator("[data-stage=registered] strong")).ToHaveTextAsync("1");
        var chart = ambassador.Locator("svg[data-funnel-chart]");
        await Assertions.Expect(chart).ToBeVisibleAsync();
        await Assertions.Expect(chart.Locator("polyline")).ToHaveCountAsync(4);
        var box = await chart.BoundingBoxAsync();
        Assert.True(box is { Width: > 200, Height: > 60 }, "the chart is drawn at a readable size");
        Assert.EndsWith(",1", await chart.Locator("polyline[data-series=registered]").GetAttributeAsync("data-values"), StringComparison.Ordinal);
        await Assertions.Expect(ambassador.Locator(".brought")).ToContainTextAsync("@ambrafriend");
    }
}
