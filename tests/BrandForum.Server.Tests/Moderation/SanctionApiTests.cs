using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Moderation;

public abstract class SanctionApiTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task ASuspendedMemberCannotSignInAppealsOnceAndIsBackWhenLifted()
    {
        var (client, admin, moderator) = await StaffAsync();
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = await IdAsync(client, fan);

        var imposed = await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", moderator, new { kind = "suspend", reason = "Repeated insults" });
        Assert.Equal(HttpStatusCode.Created, imposed.StatusCode);
        var sanctionId = (await imposed.JsonAsync()).GetProperty("sanctionId").GetString();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/me", fan)).StatusCode);
        var login = await client.LoginAsync("fan");
        var problem = await login.JsonAsync();
        Assert.Equal((HttpStatusCode.Forbidden, "account-suspended"), (login.StatusCode, problem.GetProperty("code").GetString()));
        Assert.Equal("Repeated insults", problem.GetProperty("reason").GetString());

        var appeal = await client.PostAsJsonAsync("/api/auth/appeal", new { login = "fan", password = MemberApi.Password, sanctionId, text = "I was provoked" });
        var again = await client.PostAsJsonAsync("/api/auth/appeal", new { login = "fan", password = MemberApi.Password, sanctionId, text = "Please" });
        var wrongPassword = await client.PostAsJsonAsync("/api/auth/appeal", new { login = "fan", password = "not the password at all", sanctionId, text = "x" });
        Assert.Equal(HttpStatusCode.Created, appeal.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);

        var appealId = (await appeal.JsonAsync()).GetProperty("appealId").GetString();
        var history = await (await client.SendAsync(HttpMethod.Get, $"/api/members/{fanId}/sanctions", moderator)).JsonAsync();
        Assert.Equal("I was provoked", history[0].GetProperty("appealText").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Post, $"/api/moderation/appeals/{appealId}/decision", admin, new { decision = "lift", reason = "Provocation noted" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("fan")).StatusCode);
    }

    [Fact]
    public async Task WarningsAreShownToTheMemberAndLiftedSanctionsEnd()
    {
        var (client, _, moderator) = await StaffAsync();
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = await IdAsync(client, fan);
        await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", moderator, new { kind = "warn", reason = "Mind the tone" });
        var ban = await (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", moderator, new { kind = "ban", reason = "Spam" })).JsonAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await client.LoginAsync("fan")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Delete, $"/api/members/{fanId}/sanctions/{ban.GetProperty("sanctionId").GetString()}?reason=Mistake", moderator)).StatusCode);
        var fanAgain = await client.SignInAsync("fan");
        var mine = await (await client.SendAsync(HttpMethod.Get, "/api/me/sanctions", fanAgain)).JsonAsync();
        Assert.Equal(["ban", "warn"], mine.EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal("Mind the tone", mine[1].GetProperty("reason").GetString());
    }

    [Fact]
    public async Task BadSanctionsAndTheWrongPeopleAreRefused()
    {
        var (client, admin, moderator) = await StaffAsync();
        var fan = await client.SignUpAndInAsync("fan");
        var fanId = await IdAsync(client, fan);
        var adminId = await IdAsync(client, admin);
        var moderatorId = await IdAsync(client, moderator);

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", moderator, new { kind = "exile", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", moderator, new { kind = "warn", reason = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", moderator, new { kind = "ban", hours = 5, reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Post, $"/api/members/{Guid.NewGuid()}/sanctions", moderator, new { kind = "warn", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/members/{adminId}/sanctions", moderator, new { kind = "warn", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/members/{moderatorId}/sanctions", moderator, new { kind = "warn", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, $"/api/members/{moderatorId}/sanctions", admin, new { kind = "warn", reason = "Be fair" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Post, $"/api/members/{moderatorId}/sanctions", fan, new { kind = "warn", reason = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Post, $"/api/members/{fanId}/sanctions", null, new { kind = "warn", reason = "x" })).StatusCode);
    }

    private async Task<(HttpClient Client, Tokens Admin, Tokens Moderator)> StaffAsync()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var moderator = await client.SignUpAndInAsync("mod");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/members/{await IdAsync(client, moderator)}/roles/Moderator", admin)).StatusCode);
        return (client, admin, moderator);
    }

    private static async Task<string?> IdAsync(HttpClient client, Tokens who) =>
        (await (await client.SendAsync(HttpMethod.Get, "/api/me", who)).JsonAsync()).GetProperty("memberId").GetString();
}

public sealed class SqliteSanctionApiTests() : SanctionApiTests(StorageEngine.Sqlite);

public sealed class PostgresSanctionApiTests() : SanctionApiTests(StorageEngine.Postgres);
