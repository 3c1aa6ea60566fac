using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Referrals;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Referrals;

public abstract class ReferralFunnelTests : ForumTest
{
    protected ReferralFunnelTests(StorageEngine engine)
        : base(engine)
    {
        Forum.WithBootstrapAdmin();
        Forum.TestServices = services => services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter, LoopbackClients>();
    }

    [Fact]
    public async Task ANewcomerThroughTheLinkIsActivatedByThreePostsAndADeletedPostUncounts()
    {
        var (client, admin, ambassador) = await AmbassadorAsync();
        var mine = await client.ReferralAsync(ambassador);
        var code = mine.GetProperty("code").GetString()!;
        Assert.Matches("^[0-9a-hjkmnp-tv-z]{8}$", code);
        Assert.EndsWith($"/join/{code}", mine.GetProperty("link").GetString(), StringComparison.Ordinal);
        Assert.Equal(code, (await client.ReferralAsync(ambassador)).GetProperty("code").GetString());

        var visitor = Forum.Browser("198.51.100.20");
        var join = await visitor.GetAsync(new Uri($"/join/{code.ToUpperInvariant()}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Redirect, join.StatusCode);
        Assert.Equal($"/account/register?code={code}", join.Headers.Location!.OriginalString);
        var cookie = Assert.Single(join.Headers.GetValues("Set-Cookie"), c => c.StartsWith(ReferralAttributions.Cookie, StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=2592000", cookie, StringComparison.OrdinalIgnoreCase);
        await visitor.GetAsync(new Uri($"/join/{code}", UriKind.Relative));
        await Forum.Browser("198.51.100.21").GetAsync(new Uri($"/join/{code}", UriKind.Relative));
        await Forum.Browser("198.51.100.22").GetAsync(new Uri("/join/zzzzzzzz", UriKind.Relative));

        await visitor.RegisterAsync("newbie", "newbie@mail.example");
        var funnel = await client.ReferralAsync(ambassador);
        Assert.Equal((2, 1, 0), (funnel.GetProperty("invited").GetInt32(), funnel.GetProperty("registered").GetInt32(), funnel.GetProperty("activated").GetInt32()));

        var newbie = await visitor.SignInAsync("newbie");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "rides", name = "Rides" })).StatusCode);
        var topic = await (await client.SendAsync(HttpMethod.Post, "/api/topics", newbie, new { category = "rides", title = "My first ride", body = "Forty kilometres along the river today." })).JsonAsync();
        var topicId = topic.GetProperty("topicId").GetString();
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", newbie, new { body = "The battery still showed half full." });
        Assert.Equal(0, await client.CountAsync(ambassador, "activated"));
        var third = await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topicId}/posts", newbie, new { body = "Next week I will try the hills." })).JsonAsync();
        Assert.Equal(1, await client.CountAsync(ambassador, "activated"));
        var referrals = await (await client.SendAsync(HttpMethod.Get, "/api/me/referrals", ambassador)).JsonAsync();
        var item = Assert.Single(referrals.GetProperty("items").EnumerateArray());
        Assert.Equal(("newbie", "activated"), (item.GetProperty("userName").GetString(), item.GetProperty("status").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/posts/{third.GetProperty("postId").GetString()}", newbie)).StatusCode);
        Assert.Equal(0, await client.CountAsync(ambassador, "activated"));
        referrals = await (await client.SendAsync(HttpMethod.Get, "/api/me/referrals", ambassador)).JsonAsync();
        Assert.Equal("registered", referrals.GetProperty("items")[0].GetProperty("status").GetString());
        Assert.Equal(JsonValueKindNull, referrals.GetProperty("items")[0].GetProperty("activatedAt").ValueKind);
    }

    [Fact]
    public async Task CampaignsHaveTheirOwnCodesAndCountsAndACodeInTheBodyCounts()
    {
        var (client, _, ambassador) = await AmbassadorAsync();
        var created = await client.SendAsync(HttpMethod.Post, "/api/me/referral/campaigns", ambassador, new { label = "instagram-story-june" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var campaign = await created.JsonAsync();
        var again = await client.SendAsync(HttpMethod.Post, "/api/me/referral/campaigns", ambassador, new { label = "instagram-story-june" });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(campaign.GetProperty("code").GetString(), (await again.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, "/api/me/referral/campaigns", ambassador, new { label = "Instagram Story" })).StatusCode);

        await Forum.Browser("198.51.100.30").RegisterAsync("rider", "rider@mail.example", campaign.GetProperty("code").GetString());
        var mine = await client.ReferralAsync(ambassador);
        Assert.Equal(1, mine.GetProperty("registered").GetInt32());
        var only = Assert.Single(mine.GetProperty("campaigns").EnumerateArray());
        Assert.Equal(("instagram-story-june", 1), (only.GetProperty("label").GetString(), only.GetProperty("registered").GetInt32()));
    }

    [Fact]
    public async Task SelfReferralsAndReferralsBeyondTheDailyCapAreNotCreditedAndABanStrikesAReferral()
    {
        Forum.Settings["Forum:Referrals:DailyCap"] = "2";
        var (client, admin, ambassador) = await AmbassadorAsync();
        var code = (await client.ReferralAsync(ambassador)).GetProperty("code").GetString();

        await Forum.Browser("203.0.113.7").RegisterAsync("sockpuppet", "sock@lumio.example", code);
        Assert.Equal(0, await client.CountAsync(ambassador, "registered"));
        await Forum.Browser("203.0.113.7").RegisterAsync("flatmate", "flatmate@mail.example", code);
        await Forum.Browser("198.51.100.40").RegisterAsync("colleague", "colleague@lumio.example", code);
        await Forum.Browser("198.51.100.41").RegisterAsync("onetoomany", "onetoomany@mail.example", code);
        Assert.Equal(2, await client.CountAsync(ambassador, "registered"));

        var flatmate = await client.SignInAsync("flatmate");
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/members/{await client.IdAsync(flatmate)}/sanctions", admin, new { kind = "ban", reason = "Spam account" })).StatusCode);
        Assert.Equal(1, await client.CountAsync(ambassador, "registered"));
        var mine = await (await client.SendAsync(HttpMethod.Get, "/api/me/referrals", ambassador)).JsonAsync();
        Assert.Equal(["colleague"], mine.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("userName").GetString()));

        var funnel = await (await client.SendAsync(HttpMethod.Get, "/api/referrals/funnel", admin)).JsonAsync();
        Assert.Equal((1, 1), (funnel.GetProperty("total").GetProperty("registered").GetInt32(), funnel.GetProperty("total").GetProperty("struck").GetInt32()));
        var referrer = Assert.Single(funnel.GetProperty("referrers").EnumerateArray());
        Assert.Equal(("amb", true), (referrer.GetProperty("userName").GetString(), referrer.GetProperty("flagged").GetBoolean()));
        var staffView = await (await client.SendAsync(HttpMethod.Get, $"/api/ambassadors/{await client.IdAsync(ambassador)}/referrals", admin)).JsonAsync();
        var statuses = staffView.GetProperty("referrals").GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("userName").GetString()!, i => i.GetProperty("status").GetString());
        Assert.Equal(new Dictionary<string, string?> { ["colleague"] = "registered", ["flatmate"] = "struck" }, statuses);
    }

    [Fact]
    public async Task ANewcomerOnTheReferrersOwnDeviceIsNotCredited()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var home = Forum.Browser("203.0.113.7");
        var joined = await home.RegisterAsync("amb", "amb@lumio.example");
        var device = Assert.Single(joined.Headers.GetValues("Set-Cookie"), c => c.StartsWith("bf_device=", StringComparison.Ordinal));
        Assert.Contains("httponly", device, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", device, StringComparison.OrdinalIgnoreCase);
        var ambassador = await home.SignInAsync("amb");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{await client.IdAsync(ambassador)}", admin, new { tier = 1 })).StatusCode);
        var code = (await client.ReferralAsync(ambassador)).GetProperty("code").GetString();

        // Same browser, another email domain: the address guard alone would credit it, the device cookie does not.
        await home.RegisterAsync("alterego", "alterego@mail.example", code);
        Assert.Equal(0, await client.CountAsync(ambassador, "registered"));
        var registered = (await Forum.Store.ReadStreamAsync($"member-{await client.IdAsync(await client.SignInAsync("alterego"))}"))[0].Data;
        Assert.Null(((BrandForum.Domain.Members.MemberRegistered)registered).ReferredBy); // joined all the same, with the code noted and nobody credited

        await Forum.Browser("203.0.113.7").RegisterAsync("flatmate", "flatmate@mail.example", code); // same address, own device
        Assert.Equal(1, await client.CountAsync(ambassador, "registered"));
    }

    private const System.Text.Json.JsonValueKind JsonValueKindNull = System.Text.Json.JsonValueKind.Null;

    /// <summary>The admin, and "amb" (amb@lumio.example, signed in from 203.0.113.7) enrolled as an ambassador.</summary>
    private async Task<(HttpClient Client, Tokens Admin, Tokens Ambassador)> AmbassadorAsync()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var home = Forum.Browser("203.0.113.7");
        await home.RegisterAsync("amb", "amb@lumio.example");
        var ambassador = await home.SignInAsync("amb");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{await client.IdAsync(ambassador)}", admin, new { tier = 1, note = "Runs the Lyon rides" })).StatusCode);
        return (client, admin, ambassador);
    }
}

public sealed class SqliteReferralFunnelTests() : ReferralFunnelTests(StorageEngine.Sqlite);

public sealed class PostgresReferralFunnelTests() : ReferralFunnelTests(StorageEngine.Postgres);
