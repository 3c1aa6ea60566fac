using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Referrals;

public abstract class AmbassadorProgrammeTests : ForumTest
{
    protected AmbassadorProgrammeTests(StorageEngine engine)
        : base(engine) => Forum.WithBootstrapAdmin();

    [Fact]
    public async Task ModeratorsEnrolPromotePauseAndRetireAndTheRoleFollows()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var moderator = await client.SignUpAndInAsync("camille");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/members/{await client.IdAsync(moderator)}/roles/Moderator", admin)).StatusCode);
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = await client.IdAsync(fan);

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{fanId}", moderator, new { tier = 1 })).StatusCode);
        Assert.Contains("Ambassador", await client.RolesAsync(fan));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{fanId}", moderator, new { tier = 3, note = "Thirty riders" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{fanId}/pause", moderator, new { note = "On leave" })).StatusCode);
        var listed = Assert.Single((await (await client.SendAsync(HttpMethod.Get, "/api/ambassadors", moderator)).JsonAsync()).EnumerateArray());
        Assert.Equal((3, "Champion", "paused", "On leave"), (listed.GetProperty("tier").GetInt32(), listed.GetProperty("tierName").GetString(), listed.GetProperty("status").GetString(), listed.GetProperty("note").GetString()));
        Assert.DoesNotContain("Ambassador", await client.RolesAsync(fan)); // the role is for active ambassadors
        var closed = await client.SendAsync(HttpMethod.Get, "/api/me/referral", fan);
        Assert.Equal((HttpStatusCode.Forbidden, "referrals-closed"), (closed.StatusCode, (await closed.JsonAsync()).GetProperty("code").GetString()));

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{fanId}/resume", moderator)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/me/referral", fan)).StatusCode);
        Assert.Contains("Ambassador", await client.RolesAsync(fan));
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/ambassadors/{fanId}?note=Moved%20away", moderator)).StatusCode);
        Assert.DoesNotContain("Ambassador", await client.RolesAsync(fan));
        Assert.Equal("retired", (await (await client.SendAsync(HttpMethod.Get, "/api/ambassadors", admin)).JsonAsync())[0].GetProperty("status").GetString());

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{fanId}", moderator, new { tier = 4 })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{fanId}/pause", moderator)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{Guid.NewGuid()}", moderator, new { tier = 1 })).StatusCode);
    }

    [Fact]
    public async Task MembersCannotRunTheProgrammeNorReadAnotherAmbassadorsFunnelAndVisitorsMustSignIn()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var ambassador = await client.SignUpAndInAsync("amb");
        var ambassadorId = await client.IdAsync(ambassador);
        await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{ambassadorId}", admin, new { tier = 1 });
        var other = await client.SignUpAndInAsync("other");
        await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{await client.IdAsync(other)}", admin, new { tier = 1 });
        var member = await client.SignUpAndInAsync("member");

        foreach (var who in new[] { member, other })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/ambassadors/{await client.IdAsync(member)}", who, new { tier = 1 })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, $"/api/ambassadors/{ambassadorId}/referrals", who)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/referrals/funnel", who)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/ambassadors", who)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/me/referral", member)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, "/api/me/referral/campaigns", member, new { label = "mine" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, $"/api/ambassadors/{ambassadorId}/referrals", admin)).StatusCode);
        foreach (var (method, url) in new[] { (HttpMethod.Get, "/api/me/referral"), (HttpMethod.Get, "/api/me/referrals"), (HttpMethod.Get, "/api/ambassadors"), (HttpMethod.Post, $"/api/ambassadors/{ambassadorId}"), (HttpMethod.Get, "/api/referrals/funnel") })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(method, url, null, new { tier = 1 })).StatusCode);
        }
    }

    [Fact]
    public async Task OpenReferralsGiveEveryMemberACode()
    {
        Forum.Settings["Forum:Referrals:OpenToAll"] = "true";
        var client = Forum.CreateClient();
        var member = await client.SignUpAndInAsync("member");
        Assert.Equal(8, (await client.ReferralAsync(member)).GetProperty("code").GetString()!.Length);
    }
}

public sealed class SqliteAmbassadorProgrammeTests() : AmbassadorProgrammeTests(StorageEngine.Sqlite);

public sealed class PostgresAmbassadorProgrammeTests() : AmbassadorProgrammeTests(StorageEngine.Postgres);
