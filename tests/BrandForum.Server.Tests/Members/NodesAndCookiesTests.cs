using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandForum.Server.Tests.Members;

public sealed class NodesAndCookiesTests
{
    [Fact]
    public async Task TwoNodesOnOneDatabaseAcceptEachOthersTokensAndSignOuts()
    {
        using var nodeA = new ForumFactory(StorageEngine.Postgres);
        using var nodeB = new ForumFactory(StorageEngine.Postgres, nodeA.ConnectionString);
        var a = nodeA.CreateClient();
        var b = nodeB.CreateClient();

        var tokens = await a.SignUpAndInAsync("zoe");
        Assert.Equal(HttpStatusCode.OK, (await b.SendAsync(HttpMethod.Get, "/api/me", tokens)).StatusCode);
        var refreshedOnB = await b.PostAsJsonAsync("/api/auth/refresh", new { refreshToken = tokens.RefreshToken });
        Assert.Equal(HttpStatusCode.OK, refreshedOnB.StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await b.SendAsync(HttpMethod.Post, "/api/auth/logout", tokens)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await a.SendAsync(HttpMethod.Get, "/api/me", tokens)).StatusCode);
    }

    [Fact]
    public async Task TwoNodesCountSignInAttemptsTogether()
    {
        using var nodeA = new ForumFactory(StorageEngine.Postgres);
        using var nodeB = new ForumFactory(StorageEngine.Postgres, nodeA.ConnectionString);
        foreach (var node in new[] { nodeA, nodeB })
        {
            node.Settings["Forum:RateLimits:Enabled"] = "true";
            node.Settings["Forum:RateLimits:SignInPerMinute"] = "3";
        }

        var a = nodeA.CreateClient();
        var b = nodeB.CreateClient();
        await RateWindows.StartWellInsideAMinuteAsync();

        var answers = new[] { await a.LoginAsync("nobody", "whatever it is"), await a.LoginAsync("nobody", "whatever it is"), await b.LoginAsync("nobody", "whatever it is"), await b.LoginAsync("nobody", "whatever it is") };

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], answers.Select(r => r.StatusCode));
    }

    [Fact]
    public async Task SetsTheSignInCookieHttpOnlyLaxAndSecureOverHttps()
    {
        using var forum = new ForumFactory(StorageEngine.Sqlite);
        var client = forum.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        await client.RegisterAsync("cookie.fan");
        var token = await Antiforgery.TokenFromAsync(client, "/account/login");

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = "cookie.fan",
            ["Input.Password"] = MemberApi.Password,
            ["__RequestVerificationToken"] = token,
        }));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task KeepsAWebSessionThroughSecurityStampChecksAndItsOwnPasswordChange()
    {
        using var forum = new ForumFactory(StorageEngine.Sqlite)
        {
            // Identity re-checks the stamp every 30 minutes; here at every request.
            TestServices = services => services.Configure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.Zero),
        };
        var client = forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await client.RegisterAsync("steady");
        var signIn = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = "steady",
            ["Input.Password"] = MemberApi.Password,
            ["__RequestVerificationToken"] = await Antiforgery.TokenFromAsync(client, "/account/login"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account", UriKind.Relative))).StatusCode);

        var changed = await client.PostAsync("/account?handler=ChangePassword", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["currentPassword"] = MemberApi.Password,
            ["newPassword"] = "a brand new passphrase",
            ["__RequestVerificationToken"] = await Antiforgery.TokenFromAsync(client, "/account"),
        }));
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/account", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RefusesAFormPostWithoutItsAntiforgeryToken()
    {
        using var forum = new ForumFactory(StorageEngine.Sqlite);
        var client = forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Login"] = "someone",
            ["Input.Password"] = MemberApi.Password,
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
