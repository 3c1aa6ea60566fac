using System.Net;
using System.Net.Http.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Members;

public abstract class RegistrationTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task RegistersAMemberWhoCanSignInWithUserNameOrEmail()
    {
        var client = Forum.CreateClient();

        var registered = await client.RegisterAsync("Alice.B", "Alice@Example.com");

        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);
        Assert.Equal("/api/members/Alice.B", registered.Headers.Location?.OriginalString);
        var body = await registered.JsonAsync();
        Assert.Equal("Alice.B", body.GetProperty("userName").GetString());
        var byName = await client.SignInAsync("alice.b");
        var byEmail = await client.SignInAsync("alice@example.com");
        Assert.Equal("Bearer", byName.TokenType);
        Assert.Equal(3600, byEmail.ExpiresIn);
        Assert.Equal(["Member"], await client.RolesAsync(byEmail));
        var me = await (await client.SendAsync(HttpMethod.Get, "/api/me", byName)).JsonAsync();
        Assert.Equal(body.GetProperty("memberId").GetString(), me.GetProperty("memberId").GetString());
    }

    [Theory]
    [InlineData("al", "al@example.com", MemberApi.Password, "userName")]
    [InlineData("a-name-that-is-too-long", "x@example.com", MemberApi.Password, "userName")]
    [InlineData("with space", "x@example.com", MemberApi.Password, "userName")]
    [InlineData("émile", "x@example.com", MemberApi.Password, "userName")]
    [InlineData("bob", "not-an-email", MemberApi.Password, "email")]
    [InlineData("bob", "bob@example.com", "ninechars", "password")]
    [InlineData("bob", "bob@example.com", "password123", "password")]
    [InlineData("bob", "bob@example.com", "Manchester", "password")]
    [InlineData("bobby_tables", "bob@example.com", "BOBBY_TABLES", "password")]
    [InlineData("bob", "longer.address@example.com", "longer.address@example.com", "password")]
    public async Task RefusesAnInvalidRegistrationNamingTheField(string userName, string email, string password, string field)
    {
        var response = await Forum.CreateClient().RegisterAsync(userName, email, password);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.JsonAsync()).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task RefusesAPasswordOverOneHundredAndTwentyEightCharacters()
    {
        var response = await Forum.CreateClient().RegisterAsync("bob", "bob@example.com", new string('x', 120) + "yz-12345!");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("at most 128", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefusesATakenUserNameOrEmailIgnoringCase()
    {
        var client = Forum.CreateClient();
        await client.RegisterAsync("carol", "carol@example.com");

        var sameName = await client.RegisterAsync("CAROL", "other@example.com");
        var sameEmail = await client.RegisterAsync("carol2", "Carol@EXAMPLE.com");

        Assert.Equal(HttpStatusCode.Conflict, sameName.StatusCode);
        Assert.Equal("user-name-exists", (await sameName.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Conflict, sameEmail.StatusCode);
        Assert.Equal("email-exists", (await sameEmail.JsonAsync()).GetProperty("code").GetString());
    }

    [Fact]
    public async Task KeepsTheReferralCodeOnTheEventButNoCredentialInTheLogOrTheLogs()
    {
        var client = Forum.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register", new { userName = "dave", email = "dave.secret@example.com", password = "s3cret passphrase!", referralCode = "AMB-42" });
        await client.LoginAsync("dave", "s3cret passphrase!");
        await client.LoginAsync("dave.secret@example.com", "wrong passphrase!!");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var events = await Forum.Store.ReadAllAsync(0, 100);
        var registered = Assert.Single(events, e => e.Type == "member.registered");
        Assert.Equal("AMB-42", ((BrandForum.Domain.Members.MemberRegistered)registered.Data).ReferralCode);
        var log = System.Text.Json.JsonSerializer.Serialize(events.Select(e => new { e.Data, e.Metadata }));
        Assert.DoesNotContain("dave.secret", log, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("passphrase", log, StringComparison.Ordinal);
        Assert.DoesNotContain(Forum.Logs.Lines, line => line.Contains("passphrase", StringComparison.Ordinal) || line.Contains("dave.secret", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnswersEveryUnreadableRequestWithAProblemNotAServerError()
    {
        // Over real Kestrel: the test server does not enforce request size limits.
        Forum.UseKestrel(0);
        Forum.StartServer();
        var client = Forum.CreateClient();

        var malformed = await client.PostAsync("/api/auth/register", new StringContent("{\"userName\": ", System.Text.Encoding.UTF8, "application/json"));
        var wrongType = await client.PostAsync("/api/auth/register", new StringContent("{\"userName\": 5}", System.Text.Encoding.UTF8, "application/json"));
        var empty = await client.PostAsync("/api/auth/register", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        // Expect: 100-continue, as a well-behaved client sending a big body does: Kestrel refuses on the declared length
        // before the body is sent, instead of closing the connection under a client still writing (a broken pipe).
        var hugeRequest = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = new StringContent("{\"userName\":\"" + new string('a', 1024 * 1024) + "\"}", System.Text.Encoding.UTF8, "application/json"),
        };
        hugeRequest.Headers.ExpectContinue = true;
        var huge = await client.SendAsync(hugeRequest);
        var notJson = await client.PostAsync("/api/auth/login", new StringContent("login=a&password=b", System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));
        var overlong = await client.RegisterAsync("eve", new string('e', 250) + "@example.com");

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, wrongType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, overlong.StatusCode);
        foreach (var response in new[] { malformed, wrongType, empty, huge, notJson, overlong })
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task ShowsAPublicProfileAndLetsTheMemberEditIt()
    {
        var client = Forum.CreateClient();
        var tokens = await client.SignUpAndInAsync("frank");

        var edited = await client.SendAsync(HttpMethod.Put, "/api/me/profile", tokens, new { displayName = "Frank L.", bio = "Loves the product.", avatarUrl = "https://cdn.example.com/f.png" });
        var badAvatar = await client.SendAsync(HttpMethod.Put, "/api/me/profile", tokens, new { avatarUrl = "javascript:alert(1)" });
        var anonymous = await client.SendAsync(HttpMethod.Put, "/api/me/profile", null, new { bio = "x" });

        Assert.Equal(HttpStatusCode.NoContent, edited.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badAvatar.StatusCode);
        Assert.Equal("invalid-avatar-url", (await badAvatar.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        var profile = await (await client.GetAsync(new Uri("/api/members/FRANK", UriKind.Relative))).JsonAsync();
        Assert.Equal("Frank L.", profile.GetProperty("displayName").GetString());
        Assert.Equal("Loves the product.", profile.GetProperty("bio").GetString());
        Assert.Equal("https://cdn.example.com/f.png", profile.GetProperty("avatarUrl").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/api/members/nobody", UriKind.Relative))).StatusCode);
    }
}

public sealed class SqliteRegistrationTests() : RegistrationTests(StorageEngine.Sqlite);

public sealed class PostgresRegistrationTests() : RegistrationTests(StorageEngine.Postgres);
