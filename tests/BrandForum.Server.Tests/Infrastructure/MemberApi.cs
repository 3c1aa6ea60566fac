using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace BrandForum.Server.Tests.Infrastructure;

public sealed record Tokens(string TokenType, string AccessToken, int ExpiresIn, string RefreshToken);

/// <summary>The members API as a client uses it.</summary>
public static class MemberApi
{
    public const string Password = "a long enough passphrase";

    public static Task<HttpResponseMessage> RegisterAsync(this HttpClient client, string userName, string? email = null, string password = Password) =>
        client.PostAsJsonAsync("/api/auth/register", new { userName, email = email ?? $"{userName}@example.com", password });

    public static Task<HttpResponseMessage> LoginAsync(this HttpClient client, string login, string password = Password) =>
        client.PostAsJsonAsync("/api/auth/login", new { login, password });

    /// <summary>Registers (if needed) and signs in; returns the tokens.</summary>
    public static async Task<Tokens> SignUpAndInAsync(this HttpClient client, string userName)
    {
        var registered = await client.RegisterAsync(userName);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, await registered.Content.ReadAsStringAsync());
        return await client.SignInAsync(userName);
    }

    public static async Task<Tokens> SignInAsync(this HttpClient client, string login, string password = Password)
    {
        var response = await client.LoginAsync(login, password);
        Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<Tokens>())!;
    }

    public static HttpRequestMessage As(this HttpRequestMessage request, Tokens? tokens)
    {
        if (tokens is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        }

        return request;
    }

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string url, Tokens? tokens, object? body = null) =>
        client.SendAsync(new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) }.As(tokens));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }

    public static async Task<string[]> RolesAsync(this HttpClient client, Tokens tokens)
    {
        var me = await client.SendAsync(HttpMethod.Get, "/api/me", tokens);
        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        return [.. (await me.JsonAsync()).GetProperty("roles").EnumerateArray().Select(r => r.GetString()!)];
    }
}
