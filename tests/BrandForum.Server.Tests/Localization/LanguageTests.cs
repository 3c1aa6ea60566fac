using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandForum.Server.Tests.Localization;

/// <summary>The pages' language: the member's choice, else the culture cookie, else Accept-Language, else English.</summary>
public abstract class LanguageTests(StorageEngine engine) : ForumTest(engine)
{
    private const string CultureCookie = ".AspNetCore.Culture";

    [Fact]
    public async Task ServesEnglishByDefaultAndFrenchToABrowserThatAsksForIt()
    {
        var client = Forum.CreateClient();

        var english = await HomeAsync(client, acceptLanguage: null);
        var french = await HomeAsync(client, acceptLanguage: "fr-CA,fr;q=0.9,en;q=0.5");
        var german = await HomeAsync(client, acceptLanguage: "de-DE");

        Assert.Contains("<html lang=\"en\">", english, StringComparison.Ordinal);
        Assert.Contains("Welcome", english, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fr\">", french, StringComparison.Ordinal);
        Assert.Contains("Bienvenue", french, StringComparison.Ordinal);
        Assert.Contains("Se connecter", french, StringComparison.Ordinal);
        Assert.DoesNotContain("Welcome", french, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", german, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheCultureCookieWinsOverAcceptLanguage()
    {
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });

        var html = await HomeAsync(client, acceptLanguage: "fr", cookie: "c=en|uic=en");

        Assert.Contains("<html lang=\"en\">", html, StringComparison.Ordinal);
        Assert.Contains("Welcome", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitcherSetsTheCookieAndGoesBackToTheSamePage()
    {
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Antiforgery.TokenFromAsync(client, "/account/login?returnUrl=%2Faccount");

        var switched = await client.PostAsync(new Uri("/language", UriKind.Relative), Form(token, "fr", "/account/login?returnUrl=%2Faccount"));
        var page = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/account/login?returnUrl=%2Faccount", switched.Headers.Location?.OriginalString);
        Assert.Contains(switched.Headers.GetValues("Set-Cookie"), c => c.StartsWith($"{CultureCookie}=c%3Dfr%7Cuic%3Dfr", StringComparison.Ordinal));
        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);
        Assert.Contains("Mot de passe oublié\u202f?", WebUtility.HtmlDecode(page), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    public async Task TheSwitcherNeverSendsAnyoneOffSite(string returnUrl)
    {
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Antiforgery.TokenFromAsync(client, "/");

        var switched = await client.PostAsync(new Uri("/language", UriKind.Relative), Form(token, "en", returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("/", switched.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task TheSwitcherRefusesALanguageWeDoNotHave()
    {
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var token = await Antiforgery.TokenFromAsync(client, "/");

        var switched = await client.PostAsync(new Uri("/language", UriKind.Relative), Form(token, "de", "/"));

        Assert.Equal(HttpStatusCode.BadRequest, switched.StatusCode);
        Assert.False(switched.Headers.Contains("Set-Cookie") && switched.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith(CultureCookie, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AMembersSavedLanguageWinsOverCookieAndBrowserAndCanGoBackToAutomatic()
    {
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var alice = await client.SignUpAndInAsync("alice");

        var saved = await client.SendAsync(HttpMethod.Patch, "/api/me", alice, new { language = "fr" });
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/me", alice)).JsonAsync();
        var page = await HomeAsync(client, acceptLanguage: "en", cookie: "c=en|uic=en", alice);

        Assert.Equal(HttpStatusCode.NoContent, saved.StatusCode);
        Assert.Equal("fr", me.GetProperty("language").GetString());
        Assert.Contains("<html lang=\"fr\">", page, StringComparison.Ordinal);

        var automatic = await client.SendAsync(HttpMethod.Patch, "/api/me", alice, new { language = (string?)null });
        me = await (await client.SendAsync(HttpMethod.Get, "/api/me", alice)).JsonAsync();
        page = await HomeAsync(client, acceptLanguage: "en", cookie: null, alice);

        Assert.Equal(HttpStatusCode.NoContent, automatic.StatusCode);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("language").ValueKind);
        Assert.Contains("<html lang=\"en\">", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSwitcherSavesTheChoiceOfASignedInMember()
    {
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var alice = await client.SignUpAndInAsync("alice");
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", alice.AccessToken);
        var token = await Antiforgery.TokenFromAsync(client, "/");

        var switched = await client.PostAsync(new Uri("/language", UriKind.Relative), Form(token, "fr", "/"));
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/me", alice)).JsonAsync();

        Assert.Equal(HttpStatusCode.Redirect, switched.StatusCode);
        Assert.Equal("fr", me.GetProperty("language").GetString());
    }

    [Fact]
    public async Task APatchWithoutLanguageLeavesItAlone()
    {
        var client = Forum.CreateClient();
        var alice = await client.SignUpAndInAsync("alice");
        await client.SendAsync(HttpMethod.Patch, "/api/me", alice, new { language = "fr" });

        var patched = await client.SendAsync(HttpMethod.Patch, "/api/me", alice, new { });
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/me", alice)).JsonAsync();

        Assert.Equal(HttpStatusCode.NoContent, patched.StatusCode);
        Assert.Equal("fr", me.GetProperty("language").GetString());
    }

    [Theory]
    [InlineData("\"de\"", "unknown-language")]
    [InlineData("\"FR\"", "unknown-language")]
    [InlineData("42", null)]
    public async Task RefusesALanguageItDoesNotKnowWithProblemDetails(string language, string? code)
    {
        var client = Forum.CreateClient();
        var alice = await client.SignUpAndInAsync("alice");
        var request = new HttpRequestMessage(HttpMethod.Patch, "/api/me")
        {
            Content = new StringContent($"{{\"language\":{language}}}", System.Text.Encoding.UTF8, "application/json"),
        }.As(alice);

        var response = await client.SendAsync(request);
        var problem = await response.JsonAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }
        else
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty("language", out _));
        }

        var me = await (await client.SendAsync(HttpMethod.Get, "/api/me", alice)).JsonAsync();
        Assert.Equal(System.Text.Json.JsonValueKind.Null, me.GetProperty("language").ValueKind);
    }

    [Fact]
    public async Task FormatsDatesInTheMembersLanguage()
    {
        var client = Forum.CreateClient();
        await client.SignUpAndInAsync("alice");
        var month = DateTime.UtcNow;

        var english = await GetAsync(client, "/u/alice", "en", null);
        var french = await GetAsync(client, "/u/alice", "fr", null);

        Assert.Contains(month.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("en")), english, StringComparison.Ordinal);
        Assert.Contains("membre depuis", french, StringComparison.Ordinal);
        Assert.Contains(month.ToString("MMMM yyyy", System.Globalization.CultureInfo.GetCultureInfo("fr")), french, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CountsAndTimesOnTheDiscussionPagesFollowTheLanguage()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "news", name = "News" });
        var started = await (await client.SendAsync(HttpMethod.Post, "/api/topics", admin, new { category = "news", title = "Hello there", body = "First!" })).JsonAsync();

        var english = WebUtility.HtmlDecode(await HomeAsync(client, acceptLanguage: "en"));
        var french = WebUtility.HtmlDecode(await HomeAsync(client, acceptLanguage: "fr"));
        var topic = WebUtility.HtmlDecode(await GetAsync(client, $"/t/{started.GetProperty("topicId").GetString()}", "fr", null));

        Assert.Contains("1 topic", english, StringComparison.Ordinal);
        Assert.Contains("0 replies", english, StringComparison.Ordinal);
        Assert.Contains("1 sujet", french, StringComparison.Ordinal);
        Assert.Contains("0 réponse<", french, StringComparison.Ordinal);
        Assert.Contains("Derniers sujets", french, StringComparison.Ordinal);
        Assert.Contains("à l’instant", topic, StringComparison.Ordinal);
        Assert.Contains("Se connecter</a> ou <a href=\"/account/register\">créer un compte</a> pour répondre.", topic, StringComparison.Ordinal);
    }

    private static Task<string> HomeAsync(HttpClient client, string? acceptLanguage, string? cookie = null, Tokens? tokens = null) =>
        GetAsync(client, "/", acceptLanguage, cookie, tokens);

    private static async Task<string> GetAsync(HttpClient client, string url, string? acceptLanguage, string? cookie, Tokens? tokens = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url).As(tokens);
        if (acceptLanguage is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(acceptLanguage);
        }

        if (cookie is not null)
        {
            request.Headers.Add("Cookie", $"{CultureCookie}={Uri.EscapeDataString(cookie)}");
        }

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static FormUrlEncodedContent Form(string token, string language, string returnUrl) => new(new Dictionary<string, string>
    {
        ["__RequestVerificationToken"] = token,
        ["language"] = language,
        ["returnUrl"] = returnUrl,
    });
}

public sealed class SqliteLanguageTests() : LanguageTests(StorageEngine.Sqlite);

public sealed class PostgresLanguageTests() : LanguageTests(StorageEngine.Postgres);
