using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Members;

public abstract class TwoFactorTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task AsksForASecondFactorWhoseCodesWorkOnceAndKeepsRecoveryCodesHashed()
    {
        var client = Forum.CreateClient();
        var tokens = await client.SignUpAndInAsync("xavier");
        var setup = await (await client.SendAsync(HttpMethod.Post, "/api/me/two-factor/setup", tokens)).JsonAsync();
        var key = setup.GetProperty("sharedKey").GetString()!;
        Assert.StartsWith("otpauth://totp/", setup.GetProperty("authenticatorUri").GetString(), StringComparison.Ordinal);

        var wrong = await client.SendAsync(HttpMethod.Post, "/api/me/two-factor/enable", tokens, new { code = "000000" == Totp.Code(key, DateTimeOffset.UtcNow) ? "111111" : "000000" });
        var enabledAt = DateTimeOffset.UtcNow;
        var enabled = await client.SendAsync(HttpMethod.Post, "/api/me/two-factor/enable", tokens, new { code = Totp.Code(key, enabledAt) });

        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.OK, enabled.StatusCode);
        var recoveryCodes = (await enabled.JsonAsync()).GetProperty("recoveryCodes").EnumerateArray().Select(c => c.GetString()!).ToList();
        Assert.Equal(10, recoveryCodes.Count);

        var passwordOnly = await client.LoginAsync("xavier");
        Assert.Equal(HttpStatusCode.Unauthorized, passwordOnly.StatusCode);
        Assert.Equal("two-factor-required", (await passwordOnly.JsonAsync()).GetProperty("code").GetString());

        // The next step's code: never the one used to enable (a code works once), and inside the accepted window.
        var nextCode = Totp.Code(key, enabledAt.AddSeconds(30));
        var withCode = await client.PostAsJsonAsync("/api/auth/login", new { login = "xavier", password = MemberApi.Password, twoFactorCode = nextCode });
        var replayed = await client.PostAsJsonAsync("/api/auth/login", new { login = "xavier", password = MemberApi.Password, twoFactorCode = nextCode });
        Assert.Equal(HttpStatusCode.OK, withCode.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);

        var withRecovery = await client.PostAsJsonAsync("/api/auth/login", new { login = "xavier", password = MemberApi.Password, recoveryCode = recoveryCodes[3] });
        var recoveryAgain = await client.PostAsJsonAsync("/api/auth/login", new { login = "xavier", password = MemberApi.Password, recoveryCode = recoveryCodes[3] });
        var anotherRecovery = await client.PostAsJsonAsync("/api/auth/login", new { login = "xavier", password = MemberApi.Password, recoveryCode = recoveryCodes[7] });
        Assert.Equal(HttpStatusCode.OK, withRecovery.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, recoveryAgain.StatusCode);
        Assert.Equal(HttpStatusCode.OK, anotherRecovery.StatusCode);

        var stored = string.Join(";", await Forum.Store.QueryAsync("SELECT \"Value\" FROM \"AspNetUserTokens\"", r => r.IsDBNull(0) ? "" : r.GetString(0), default));
        Assert.All(recoveryCodes, code => Assert.DoesNotContain(code, stored, StringComparison.OrdinalIgnoreCase));
        var state = await (await client.SendAsync(HttpMethod.Get, "/api/me/two-factor", tokens)).JsonAsync();
        Assert.True(state.GetProperty("enabled").GetBoolean());
        Assert.Equal(8, state.GetProperty("recoveryCodesLeft").GetInt32());
    }

    [Fact]
    public async Task TurnsTwoFactorOffOnlyWithThePassword()
    {
        var client = Forum.CreateClient();
        var tokens = await client.SignUpAndInAsync("yvonne");
        var key = (await (await client.SendAsync(HttpMethod.Post, "/api/me/two-factor/setup", tokens)).JsonAsync()).GetProperty("sharedKey").GetString()!;
        await client.SendAsync(HttpMethod.Post, "/api/me/two-factor/enable", tokens, new { code = Totp.Code(key, DateTimeOffset.UtcNow) });

        var withoutPassword = await client.SendAsync(HttpMethod.Post, "/api/me/two-factor/disable", tokens, new { password = "not my password" });
        var disabled = await client.SendAsync(HttpMethod.Post, "/api/me/two-factor/disable", tokens, new { password = MemberApi.Password });

        Assert.Equal(HttpStatusCode.BadRequest, withoutPassword.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("yvonne")).StatusCode);
    }
}

public sealed class SqliteTwoFactorTests() : TwoFactorTests(StorageEngine.Sqlite);

public sealed class PostgresTwoFactorTests() : TwoFactorTests(StorageEngine.Postgres);
