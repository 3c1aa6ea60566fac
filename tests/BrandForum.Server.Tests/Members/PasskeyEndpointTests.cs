using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Members;

/// <summary>The ceremony itself is tested in a real browser (Browser.Tests); here, what bad input gets.</summary>
public abstract class PasskeyEndpointTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task RefusesCallsWithoutThePagesAntiforgeryToken()
    {
        var response = await Forum.CreateClient().PostAsJsonAsync("/account/passkeys/sign-in", new { credential = "{}" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("antiforgery", (await response.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task GivesSignInOptionsAndRefusesAForgedAnswerWithAProblem()
    {
        var client = Forum.CreateClient();
        var token = await Antiforgery.TokenFromAsync(client, "/account/login");

        var options = await Send(client, "/account/passkeys/request-options", token, null);
        var forged = await Send(client, "/account/passkeys/sign-in", token, new { credential = "{\"id\":\"AAAA\",\"type\":\"public-key\"}" });
        var missing = await Send(client, "/account/passkeys/sign-in", token, new { credential = "" });
        var anonymousAdd = await Send(client, "/account/passkeys", token, new { credential = "{}" });

        Assert.Equal(HttpStatusCode.OK, options.StatusCode);
        Assert.True((await options.JsonAsync()).TryGetProperty("challenge", out _));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("application/problem+json", forged.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, anonymousAdd.StatusCode);
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, string url, string token, object? body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Add("RequestVerificationToken", token);
        return client.SendAsync(request);
    }
}

public sealed class SqlitePasskeyEndpointTests() : PasskeyEndpointTests(StorageEngine.Sqlite);

public sealed class PostgresPasskeyEndpointTests() : PasskeyEndpointTests(StorageEngine.Postgres);
