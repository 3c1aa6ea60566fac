using System.Net;
using System.Net.Http.Json;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandForum.Server.Tests.Pages;

/// <summary>The console's rulebook, audit and appeals pages as a browser without JavaScript uses them.</summary>
public abstract class ModerationConsolePagesTests(StorageEngine engine) : StaffPagesTest(engine)
{
    private const string Draft = """
        rules:
          - id: zebras
            when:
              text: { any: [zebra] }
            action: hold
        """;

    [Theory]
    [InlineData("/moderation/rulebook")]
    [InlineData("/moderation/audit")]
    [InlineData("/moderation/appeals")]
    public async Task EachPageIsForStaffOnly(string page)
    {
        await ForumWithTopicAsync();
        await Forum.CreateClient().SignUpAndInAsync("fan");

        var member = await (await WebClientAsync("fan")).GetAsync(new Uri(page, UriKind.Relative));
        var anonymous = await Forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false }).GetAsync(new Uri(page, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
        Assert.StartsWith("/account/login", member.Headers.Location?.AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        var console = await PageAsync(await WebClientAsync("mod"), page);
        Assert.Equal(page, console.QuerySelector(".console-nav [aria-current=page]")?.GetAttribute("href"));
    }

    [Fact]
    public async Task StaffReadTheRulebookFixItsMistakesAndPublishIt()
    {
        await ForumWithTopicAsync();
        var moderator = await WebClientAsync("mod");

        var current = await PageAsync(moderator, "/moderation/rulebook");
        Assert.Contains("version 0", current.QuerySelector("h1 + p")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("insults-en", current.QuerySelector("textarea[name=Yaml]")?.TextContent, StringComparison.Ordinal);

        const string broken = "rules:\n  - id: zebras\n    colour: striped\n";
        var refused = await PostFormAsync(moderator, "/moderation/rulebook", "/moderation/rulebook?handler=Publish", new() { ["Yaml"] = broken });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var withErrors = await ParseAsync(refused);
        Assert.Matches(@"^Line 3, column 5 — ", withErrors.QuerySelector(".errors li")?.TextContent);
        Assert.Equal(broken, withErrors.QuerySelector("textarea[name=Yaml]")?.TextContent);

        var published = await PostFormAsync(moderator, "/moderation/rulebook", "/moderation/rulebook?handler=Publish", new() { ["Yaml"] = Draft });
        Assert.Equal((HttpStatusCode.Redirect, "/moderation/rulebook"), (published.StatusCode, published.Headers.Location?.OriginalString));
        var after = await PageAsync(moderator, "/moderation/rulebook");
        Assert.Equal("Version 1 is in force.", after.QuerySelector("[role=status]")?.TextContent);
        Assert.Equal("In force: version 1.", after.QuerySelector("h1 + p")?.TextContent);
        Assert.Equal(Draft, after.QuerySelector("textarea[name=Yaml]")?.TextContent);
    }

    [Fact]
    public async Task ABackTestCountsWhatADraftWouldHaveDoneAndPublishesNothing()
    {
        var topicId = await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var fan = await api.SignUpAndInAsync("fan");
        var postId = (await (await api.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", fan, new { body = "I saw a zebra today." })).JsonAsync()).GetProperty("postId").GetString();
        var moderator = await WebClientAsync("mod");

        var tooFar = await ParseAsync(await PostFormAsync(moderator, "/moderation/rulebook", "/moderation/rulebook?handler=Backtest", new() { ["Yaml"] = Draft, ["Days"] = "0" }));
        var response = await PostFormAsync(moderator, "/moderation/rulebook", "/moderation/rulebook?handler=Backtest", new() { ["Yaml"] = Draft, ["Days"] = "30" });

        Assert.Equal("How many days back, 1 to 365.", tooFar.QuerySelector(".errors")?.TextContent);
        Assert.Null(tooFar.QuerySelector(".backtest"));
        var report = (await ParseAsync(response)).QuerySelector(".backtest")!;
        Assert.Equal(("2", "0", "1", "0"), (Count("evaluated"), Count("rejected"), Count("held"), Count("flagged")));
        var rule = report.QuerySelector("tr[data-rule=zebras]")!;
        Assert.Equal("1", rule.QuerySelector("td:last-child")?.TextContent);
        Assert.Equal($"/p/{postId}", rule.QuerySelector("a")?.GetAttribute("href"));
        Assert.Contains("version 0", (await PageAsync(moderator, "/moderation/rulebook")).QuerySelector("h1 + p")?.TextContent, StringComparison.Ordinal);

        string? Count(string name) => report.QuerySelector($"[data-count={name}]")?.TextContent;
    }

    [Fact]
    public async Task TheAuditTrailListsActsAndFiltersThemByAction()
    {
        var topicId = await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var admin = await api.SignInAsync("root", ForumFactory.AdminPassword);
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/pin", admin)).StatusCode);
        var moderator = await WebClientAsync("mod");

        var pins = await AuditAsync(moderator, "/moderation/audit?action=pin&actor=%40root");
        var all = await PageAsync(moderator, "/moderation/audit");
        var none = await PageAsync(moderator, "/moderation/audit?action=lock");

        Assert.True(all.QuerySelectorAll("table.audit tbody tr").Length > 1); // the category, the moderator's role, the pin
        var row = Assert.Single(pins.QuerySelectorAll("table.audit tbody tr"));
        Assert.Equal(["@root", "pin"], row.QuerySelectorAll("td").Skip(1).Take(2).Select(td => td.TextContent.Trim()));
        Assert.Equal($"/t/{topicId}", row.QuerySelector("a")?.GetAttribute("href"));
        Assert.Equal("pin", pins.QuerySelector("input[name=action]")?.GetAttribute("value"));
        Assert.Null(none.QuerySelector("table.audit"));
        Assert.Contains("No act matches.", none.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAppealFiledByTheMemberIsDecidedFromTheConsole()
    {
        await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var fan = await api.SignUpAndInAsync("fan");
        var moderatorTokens = await api.SignInAsync("mod");
        var fanId = (await (await api.SendAsync(HttpMethod.Get, "/api/me", fan)).JsonAsync()).GetProperty("memberId").GetString();
        var sanctionId = (await (await api.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", moderatorTokens, new { kind = "suspend", reason = "Repeated insults" })).JsonAsync()).GetProperty("sanctionId").GetString();
        var appealed = await api.PostAsJsonAsync("/api/auth/appeal", new { login = "fan", password = MemberApi.Password, sanctionId, text = "I was provoked" });
        Assert.Equal(HttpStatusCode.Created, appealed.StatusCode);
        var appealId = (await appealed.JsonAsync()).GetProperty("appealId").GetString()!;
        var moderator = await WebClientAsync("mod");

        var appeal = Assert.Single((await PageAsync(moderator, "/moderation/appeals")).QuerySelectorAll("[data-appeal-id]"));
        Assert.Equal(appealId, appeal.GetAttribute("data-appeal-id"));
        Assert.Contains("@fan", appeal.QuerySelector("h2")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Suspension", appeal.QuerySelector("h2")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("Repeated insults", appeal.QuerySelector(".facts")?.TextContent, StringComparison.Ordinal);
        Assert.Equal("I was provoked", appeal.QuerySelector(".appeal-text")?.TextContent);

        var lifted = await PostFormAsync(moderator, "/moderation/appeals", "/moderation/appeals?handler=Decide", new() { ["appealId"] = appealId, ["decision"] = "lift", ["reason"] = "Provocation noted" });

        Assert.Equal((HttpStatusCode.Redirect, "/moderation/appeals"), (lifted.StatusCode, lifted.Headers.Location?.OriginalString));
        var after = await PageAsync(moderator, "/moderation/appeals");
        Assert.Equal("Appeal granted: the sanction is lifted.", after.QuerySelector("[role=status]")?.TextContent);
        Assert.Empty(after.QuerySelectorAll("[data-appeal-id]"));
        Assert.Equal(HttpStatusCode.OK, (await api.LoginAsync("fan")).StatusCode);
        Assert.Contains("Provocation noted", (await AuditAsync(moderator, "/moderation/audit?action=appeal-lift")).QuerySelector("table.audit")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>An audit page once it lists something: the trail is an async projection, a moment behind the log.</summary>
    private static async Task<IDocument> AuditAsync(HttpClient client, string url)
    {
        for (var attempt = 0; ; attempt++)
        {
            var page = await PageAsync(client, url);
            if (page.QuerySelector("table.audit") is not null || attempt == 100)
            {
                return page;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>A page answered to a form that shows its result in place (mistakes, a back-test) rather than redirecting.</summary>
    private static async Task<IDocument> ParseAsync(HttpResponseMessage response) =>
        new HtmlParser().ParseDocument(await response.Content.ReadAsStringAsync());
}

public sealed class SqliteModerationConsolePagesTests() : ModerationConsolePagesTests(StorageEngine.Sqlite);

public sealed class PostgresModerationConsolePagesTests() : ModerationConsolePagesTests(StorageEngine.Postgres);
