using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Members;

public abstract class SignInTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task AnswersAnUnknownLoginAndAWrongPasswordAlikeAndInComparableTime()
    {
        var client = Forum.CreateClient();
        await client.RegisterAsync("grace");
        await client.LoginAsync("nobody-at-all", "whatever it is!"); // warm both paths up
        await client.LoginAsync("grace", "not her password");

        var unknown = new List<double>();
        var wrong = new List<double>();
        string? unknownBody = null, wrongBody = null;
        for (var i = 0; i < 3; i++)
        {
            var clock = Stopwatch.StartNew();
            var a = await client.LoginAsync($"nobody{i}", "not her password");
            unknown.Add(clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            var b = await client.LoginAsync("grace", "not her password");
            wrong.Add(clock.Elapsed.TotalMilliseconds);
            Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, b.StatusCode);
            unknownBody = (await a.JsonAsync()).GetProperty("title").GetString();
            wrongBody = (await b.JsonAsync()).GetProperty("title").GetString();
        }

        Assert.Equal(wrongBody, unknownBody);
        // Both hash a password (PBKDF2, tens of milliseconds); without the dummy hash the unknown login answers in ~1 ms.
        Assert.InRange(unknown.Order().ElementAt(1) / wrong.Order().ElementAt(1), 0.4, 2.5);
    }

    [Fact]
    public async Task LocksTheAccountAfterFiveFailedSignInsEvenAgainstTheRightPassword()
    {
        var client = Forum.CreateClient();
        await client.RegisterAsync("heidi");
        await client.RegisterAsync("ivan");

        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("heidi", $"wrong guess {i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("heidi")).StatusCode);
        // The lock is on the account, not on the address it was attacked from.
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("ivan")).StatusCode);
    }

    [Fact]
    public async Task SignOutStopsTheAccessAndRefreshTokensAtOnce()
    {
        var client = Forum.CreateClient();
        var tokens = await client.SignUpAndInAsync("judy");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/me", tokens)).StatusCode);

        var logout = await client.SendAsync(HttpMethod.Post, "/api/auth/logout", tokens);

        Assert.Equal(HttpStatusCode.NoContent, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/me", tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken })).StatusCode);
    }

    [Fact]
    public async Task RefreshesTokensWhileTheSessionLasts()
    {
        var client = Forum.CreateClient();
        var tokens = await client.SignUpAndInAsync("mallory");

        var refreshed = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        var garbage = await client.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = "not-a-token" });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        var fresh = (await refreshed.Content.ReadFromJsonAsync<Tokens>())!;
        Assert.Equal(["Member"], await client.RolesAsync(fresh));
        Assert.Equal(HttpStatusCode.Unauthorized, garbage.StatusCode);
        Assert.Equal("application/problem+json", garbage.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task ListsTheMembersSessionsAndEndsOneOfThem()
    {
        var client = Forum.CreateClient();
        var laptop = await client.SignUpAndInAsync("niaj");
        var phoneRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { login = "niaj", password = MemberApi.Password }) };
        phoneRequest.Headers.UserAgent.ParseAdd("ForumPhone/1.0");
        var phone = (await (await client.SendAsync(phoneRequest)).Content.ReadFromJsonAsync<Tokens>())!;

        var sessions = (await (await client.SendAsync(HttpMethod.Get, "/api/me/sessions", laptop)).JsonAsync()).EnumerateArray().ToList();

        Assert.Equal(2, sessions.Count);
        var phoneSession = Assert.Single(sessions, s => s.GetProperty("device").GetString() == "ForumPhone/1.0");
        Assert.False(phoneSession.GetProperty("current").GetBoolean());
        var end = await client.SendAsync(HttpMethod.Delete, $"/api/me/sessions/{phoneSession.GetProperty("sessionId").GetString()}", laptop);
        Assert.Equal(HttpStatusCode.NoContent, end.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/me", phone)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/me", laptop)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.SendAsync(HttpMethod.Delete, $"/api/me/sessions/{Guid.NewGuid()}", laptop)).StatusCode);
    }

    [Fact]
    public async Task ChangingThePasswordEndsTheOtherSessionsButNotThisOne()
    {
        var client = Forum.CreateClient();
        var here = await client.SignUpAndInAsync("trent");
        var elsewhere = await client.SignInAsync("trent");

        var wrongCurrent = await client.SendAsync(HttpMethod.Post, "/api/me/password", here, new { currentPassword = "not it at all", newPassword = "a brand new passphrase" });
        var weakNew = await client.SendAsync(HttpMethod.Post, "/api/me/password", here, new { currentPassword = MemberApi.Password, newPassword = "basketball" });
        var changed = await client.SendAsync(HttpMethod.Post, "/api/me/password", here, new { currentPassword = MemberApi.Password, newPassword = "a brand new passphrase" });

        Assert.Equal(HttpStatusCode.BadRequest, wrongCurrent.StatusCode);
        Assert.True((await wrongCurrent.JsonAsync()).GetProperty("errors").TryGetProperty("currentPassword", out _));
        Assert.Equal(HttpStatusCode.BadRequest, weakNew.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(HttpMethod.Get, "/api/me", here)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/me", elsewhere)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("trent")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("trent", "a brand new passphrase")).StatusCode);
    }

    [Fact]
    public async Task RateLimitsSignInsPerAddressWithRetryAfter()
    {
        Forum.Settings["Forum:RateLimits:Enabled"] = "true";
        Forum.Settings["Forum:RateLimits:SignInPerMinute"] = "3";
        var client = Forum.CreateClient();
        await RateWindows.StartWellInsideAMinuteAsync();

        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 4; i++)
        {
            answers.Add(await client.LoginAsync("olivia", "anything at all"));
        }

        Assert.All(answers.Take(3), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        var limited = answers[3];
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) is > 0 and <= 60);
        Assert.Equal("rate-limited", (await limited.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task RateLimitsSignUpsPerAddress()
    {
        Forum.Settings["Forum:RateLimits:Enabled"] = "true";
        Forum.Settings["Forum:RateLimits:SignUpPerHour"] = "2";
        var client = Forum.CreateClient();
        await RateWindows.StartWellInsideAMinuteAsync();

        var first = await client.RegisterAsync("peggy1");
        var second = await client.RegisterAsync("peggy2");
        var third = await client.RegisterAsync("peggy3");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("Retry-After"));
    }
}

public sealed class SqliteSignInTests() : SignInTests(StorageEngine.Sqlite);

public sealed class PostgresSignInTests() : SignInTests(StorageEngine.Postgres);
