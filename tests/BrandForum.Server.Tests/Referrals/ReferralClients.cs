using System.Net;
using System.Net.Http.Json;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandForum.Server.Tests.Referrals;

/// <summary>
/// The test server has no client address; this one makes every request come from loopback, as Kestrel would
/// locally, so a test picks a client's address with X-Forwarded-For (loopback is a trusted proxy).
/// </summary>
public sealed class LoopbackClients : IStartupFilter
{
    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, then) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            return then(context);
        });
        next(app);
    };
}

/// <summary>The referral API as its users call it, each from an address of their own.</summary>
public static class ReferralClients
{
    /// <summary>A browser of its own (its own cookies) that does not follow redirects, so a test sees them.</summary>
    public static HttpClient Browser(this ForumFactory forum, string address)
    {
        var client = forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    public static async Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string userName, string email, string? referralCode = null)
    {
        var response = await client.PostAsJsonAsync("/api/auth/register", new { userName, email, password = MemberApi.Password, referralCode });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return response;
    }

    public static async Task<string> IdAsync(this HttpClient client, Tokens who) =>
        (await (await client.SendAsync(HttpMethod.Get, "/api/me", who)).JsonAsync()).GetProperty("memberId").GetString()!;

    public static async Task<System.Text.Json.JsonElement> ReferralAsync(this HttpClient client, Tokens who)
    {
        var response = await client.SendAsync(HttpMethod.Get, "/api/me/referral", who);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.JsonAsync();
    }

    public static async Task<int> CountAsync(this HttpClient client, Tokens who, string stage) => (await client.ReferralAsync(who)).GetProperty(stage).GetInt32();
}
