using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Referrals;

namespace BrandForum.Server.Tests.Pages;

/// <summary>The ambassador's page, the community managers' programme page with its forms, and the suggestions.</summary>
public abstract class AmbassadorPagesTests(StorageEngine engine) : StaffPagesTest(engine)
{
    [Fact]
    public async Task TheAmbassadorSeesTheirCodeFunnelAndChartOthersAreTurnedAway()
    {
        await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var admin = await api.SignInAsync("root", ForumFactory.AdminPassword);
        var amb = await api.SignUpAndInAsync("amb");
        await api.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Post, $"/api/ambassadors/{await api.IdAsync(amb)}", admin, new { tier = 2 })).StatusCode);
        var code = (await api.ReferralAsync(amb)).GetProperty("code").GetString();
        await Forum.Browser("198.51.100.30").GetAsync(new Uri($"/join/{code}", UriKind.Relative));
        await ReferralClients.RegisterAsync(Forum.Browser("198.51.100.31"), "newbie", "newbie@mail.example", code);

        var web = await WebClientAsync("amb");
        var campaign = await PostFormAsync(web, "/ambassador", "/ambassador?handler=Campaign", new() { ["label"] = "instagram-june" });
        Assert.Equal(HttpStatusCode.Redirect, campaign.StatusCode);
        var page = await PageAsync(web, "/ambassador");
        Assert.Equal(code, page.QuerySelector("[data-referral-code]")?.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-stage=invited] strong")?.TextContent);
        Assert.Equal("1", page.QuerySelector("[data-stage=registered] strong")?.TextContent);
        var registered = page.QuerySelector("svg[data-funnel-chart] polyline[data-series=registered]")?.GetAttribute("data-values");
        Assert.EndsWith(",1", registered, StringComparison.Ordinal); // this week
        Assert.Contains("instagram-june", page.QuerySelector(".campaigns")?.TextContent, StringComparison.Ordinal);
        Assert.Contains("@newbie", page.QuerySelector(".brought")?.TextContent, StringComparison.Ordinal);

        var fan = await (await WebClientAsync("fan")).GetAsync(new Uri("/ambassador", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, fan.StatusCode);
    }

    [Fact]
    public async Task CommunityManagersRunTheProgrammeFromTheirPageAndSeeWhoToAskNext()
    {
        var topicId = await ForumWithTopicAsync();
        var api = Forum.CreateClient();
        var admin = await api.SignInAsync("root", ForumFactory.AdminPassword);
        var helper = await api.SignUpAndInAsync("helper");
        var newcomer = await api.SignUpAndInAsync("newcomer");
        var readers = new[] { await api.SignUpAndInAsync("reader1"), await api.SignUpAndInAsync("reader2") };
        foreach (var (who, body) in new[] { (helper, "Try the river path, it is flat."), (newcomer, "I would take the train instead.") })
        {
            var postId = (await (await api.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", who, new { body })).JsonAsync()).GetProperty("postId").GetString();
            foreach (var reader in readers)
            {
                Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Put, $"/api/posts/{postId}/reactions/like", reader)).StatusCode);
            }
        }

        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Put, $"/api/members/{await api.IdAsync(helper)}/trust-level", admin, new { level = 2 })).StatusCode);
        var suggested = new List<System.Text.Json.JsonElement>();
        for (var attempt = 0; suggested.Count == 0 && attempt < 300; attempt++)
        {
            await Task.Delay(attempt == 0 ? 0 : 100); // reactions received come from the async badges projection
            suggested = [.. (await (await api.SendAsync(HttpMethod.Get, "/api/ambassadors/suggestions", admin)).JsonAsync()).EnumerateArray()];
        }

        var only = Assert.Single(suggested); // the newcomer is helpful too, but not trusted enough yet
        Assert.Equal("helper", only.GetProperty("userName").GetString());
        Assert.Equal(
            [("helpful-replies", 1L), ("reactions-received", 2L), ("trust-level", 2L)],
            only.GetProperty("reasons").EnumerateArray().Select(r => (r.GetProperty("reason").GetString(), r.GetProperty("count").GetInt64())));
        Assert.Equal(HttpStatusCode.Forbidden, (await api.SendAsync(HttpMethod.Get, "/api/ambassadors/suggestions", helper)).StatusCode);

        var mod = await WebClientAsync("mod");
        var console = await PageAsync(mod, "/moderation/ambassadors");
        Assert.Contains("1 helpful replies", console.QuerySelector("[data-suggestion=helper]")?.TextContent, StringComparison.Ordinal);
        Assert.NotNull(console.QuerySelector("svg[data-funnel-chart]"));

        var enrolled = await PostFormAsync(mod, "/moderation/ambassadors", "/moderation/ambassadors?handler=Change", new() { ["change"] = "enrol", ["userName"] = "helper", ["tier"] = "1", ["note"] = "Helps everyone" });
        Assert.Equal(HttpStatusCode.Redirect, enrolled.StatusCode);
        var after = await PageAsync(mod, "/moderation/ambassadors");
        Assert.NotNull(after.QuerySelector("[data-ambassador=helper]"));
        Assert.Null(after.QuerySelector("[data-suggestion=helper]")); // an ambassador now
        var helperId = await api.IdAsync(helper);
        await PostFormAsync(mod, "/moderation/ambassadors", "/moderation/ambassadors?handler=Change", new() { ["change"] = "pause", ["memberId"] = helperId, ["note"] = "On holiday" });
        var listed = (await (await api.SendAsync(HttpMethod.Get, "/api/ambassadors", admin)).JsonAsync()).EnumerateArray().Single();
        Assert.Equal(("paused", "On holiday"), (listed.GetProperty("status").GetString(), listed.GetProperty("note").GetString()));
        var unknown = await PostFormAsync(mod, "/moderation/ambassadors", "/moderation/ambassadors?handler=Change", new() { ["change"] = "enrol", ["userName"] = "nobody", ["tier"] = "1" });
        Assert.Equal(HttpStatusCode.Redirect, unknown.StatusCode);
        Assert.Equal("There is no such member.", (await PageAsync(mod, "/moderation/ambassadors")).QuerySelector("[role=status]")?.TextContent);

        var member = await (await WebClientAsync("newcomer")).GetAsync(new Uri("/moderation/ambassadors", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, member.StatusCode);
    }
}

public sealed class SqliteAmbassadorPagesTests() : AmbassadorPagesTests(StorageEngine.Sqlite);

public sealed class PostgresAmbassadorPagesTests() : AmbassadorPagesTests(StorageEngine.Postgres);
