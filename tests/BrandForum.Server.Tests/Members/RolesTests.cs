using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Members;

public abstract class RolesTests(StorageEngine engine) : ForumTest(engine)
{
    private const string AdminPassword = ForumFactory.AdminPassword;

    [Fact]
    public async Task CreatesTheFirstAdminFromBootstrapSettingsOnce()
    {
        var client = await WithBootstrapAdminAsync();

        var admin = await client.SignInAsync("root@example.com", AdminPassword);

        Assert.Equal(["Member", "Admin"], await client.RolesAsync(admin));
        await Forum.Services.BootstrapAdminAsync();
        Assert.Single(await Forum.Store.ReadAllAsync(0, 100), e => e.Type == "member.role-granted");
    }

    [Fact]
    public async Task AdminGrantsAndRevokesRolesThatTakeEffectOnTheMembersNextRequest()
    {
        var client = await WithBootstrapAdminAsync();
        var admin = await client.SignInAsync("root", AdminPassword);
        var alice = await client.SignUpAndInAsync("alice");
        var aliceId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", alice)).JsonAsync()).GetProperty("memberId").GetString();

        var granted = await client.SendAsync(HttpMethod.Put, $"/api/members/{aliceId}/roles/Moderator", admin);
        var grantedAgain = await client.SendAsync(HttpMethod.Put, $"/api/members/{aliceId}/roles/Moderator", admin);

        Assert.Equal(HttpStatusCode.NoContent, granted.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, grantedAgain.StatusCode);
        Assert.Equal(["Member", "Moderator"], await client.RolesAsync(alice));
        Assert.Single(await Forum.Store.ReadStreamAsync($"member-{aliceId}"), e => e.Type == "member.role-granted");

        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{aliceId}/roles/Moderator", admin)).StatusCode);
        Assert.Equal(["Member"], await client.RolesAsync(alice));
    }

    [Fact]
    public async Task RefusesUnknownRolesUnknownMembersAndAnAdminDemotingThemselves()
    {
        var client = await WithBootstrapAdminAsync();
        var admin = await client.SignInAsync("root", AdminPassword);
        var adminId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", admin)).JsonAsync()).GetProperty("memberId").GetString();

        var unknownRole = await client.SendAsync(HttpMethod.Put, $"/api/members/{adminId}/roles/Overlord", admin);
        var unknownMember = await client.SendAsync(HttpMethod.Put, $"/api/members/{Guid.NewGuid()}/roles/Moderator", admin);
        var selfDemotion = await client.SendAsync(HttpMethod.Delete, $"/api/members/{adminId}/roles/Admin", admin);

        Assert.Equal(HttpStatusCode.BadRequest, unknownRole.StatusCode);
        Assert.Equal("unknown-role", (await unknownRole.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.NotFound, unknownMember.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, selfDemotion.StatusCode);
        Assert.Equal("cannot-revoke-own-admin", (await selfDemotion.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task LetsOnlyAdminsUseTheAdminRoutes()
    {
        var client = await WithBootstrapAdminAsync();
        var admin = await client.SignInAsync("root", AdminPassword);
        var member = await client.SignUpAndInAsync("mike");
        var moderator = await client.SignUpAndInAsync("mod");
        var target = (await (await client.SendAsync(HttpMethod.Get, "/api/me", member)).JsonAsync()).GetProperty("memberId").GetString();
        var moderatorId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", moderator)).JsonAsync()).GetProperty("memberId").GetString();
        await client.SendAsync(HttpMethod.Put, $"/api/members/{moderatorId}/roles/Moderator", admin);
        (HttpMethod Method, string Url)[] adminRoutes =
        [
            (HttpMethod.Put, $"/api/members/{target}/roles/Ambassador"),
            (HttpMethod.Delete, $"/api/members/{target}/roles/Ambassador"),
        ];
        (string Who, Tokens? Tokens, HttpStatusCode Expected)[] callers =
        [
            ("anonymous", null, HttpStatusCode.Unauthorized),
            ("member", member, HttpStatusCode.Forbidden),
            ("moderator", moderator, HttpStatusCode.Forbidden),
            ("admin", admin, HttpStatusCode.NoContent),
        ];

        foreach (var (method, url) in adminRoutes)
        {
            foreach (var (who, tokens, expected) in callers)
            {
                var response = await client.SendAsync(method, url, tokens);
                Assert.True(response.StatusCode == expected, $"{method} {url} as {who}: {(int)response.StatusCode}, expected {(int)expected}");
            }
        }
    }

    [Fact]
    public async Task LetsOnlyAdminsOpenTheAdminPages()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var admin = await client.SignInAsync("root", AdminPassword);
        var member = await client.SignUpAndInAsync("mike");
        var moderator = await client.SignUpAndInAsync("mod");
        var moderatorId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", moderator)).JsonAsync()).GetProperty("memberId").GetString();
        await client.SendAsync(HttpMethod.Put, $"/api/members/{moderatorId}/roles/Moderator", admin);
        (string Who, Tokens? Tokens, HttpStatusCode Expected)[] callers =
        [
            ("anonymous", null, HttpStatusCode.Redirect),
            ("member", member, HttpStatusCode.Forbidden),
            ("moderator", moderator, HttpStatusCode.Forbidden),
            ("admin", admin, HttpStatusCode.OK),
        ];

        foreach (var page in new[] { "/admin/members", "/admin/mailbox", "/admin/members?q=mo" })
        {
            foreach (var (who, tokens, expected) in callers)
            {
                var response = await client.SendAsync(HttpMethod.Get, page, tokens);
                Assert.True(response.StatusCode == expected, $"GET {page} as {who}: {(int)response.StatusCode}, expected {(int)expected}");
            }
        }

        var search = await (await client.SendAsync(HttpMethod.Get, "/admin/members?q=mo", admin)).Content.ReadAsStringAsync();
        Assert.Contains("@mod", search, StringComparison.Ordinal);
        Assert.DoesNotContain("@mike", search, StringComparison.Ordinal);
    }

    private Task<HttpClient> WithBootstrapAdminAsync()
    {
        Forum.WithBootstrapAdmin();
        return Task.FromResult(Forum.CreateClient());
    }
}

public sealed class SqliteRolesTests() : RolesTests(StorageEngine.Sqlite);

public sealed class PostgresRolesTests() : RolesTests(StorageEngine.Postgres);
