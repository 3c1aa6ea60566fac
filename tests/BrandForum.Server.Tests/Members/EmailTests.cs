using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BrandForum.EventStore;
using BrandForum.Server.Members.Email;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Members;

public abstract partial class EmailTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task RegistrationSendsALinkThatConfirmsTheEmail()
    {
        var client = Forum.CreateClient();
        var tokens = await client.SignUpAndInAsync("uma");
        Assert.False((await (await client.SendAsync(HttpMethod.Get, "/api/me", tokens)).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());

        var (memberId, token) = LinkIn(Assert.Single(Mailbox.Messages, m => m.To == "uma@example.com" && m.Subject == "Confirm your email"));
        var forged = await client.PostAsJsonAsync("/api/auth/confirm-email", new { memberId, token = "bm90LWEtdG9rZW4" });
        var confirmed = await client.PostAsJsonAsync("/api/auth/confirm-email", new { memberId, token });

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, confirmed.StatusCode);
        Assert.True((await (await client.SendAsync(HttpMethod.Get, "/api/me", tokens)).JsonAsync()).GetProperty("emailConfirmed").GetBoolean());
    }

    [Fact]
    public async Task ResetsAForgottenPasswordOnceAndSignsOutEveryDevice()
    {
        var client = Forum.CreateClient();
        var oldSession = await client.SignUpAndInAsync("victor");

        var unknown = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = "nobody@example.com" });
        var known = await client.PostAsJsonAsync("/api/auth/forgot-password", new { email = "Victor@Example.com" });

        Assert.Equal(HttpStatusCode.Accepted, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, known.StatusCode);
        Assert.DoesNotContain(Mailbox.Messages, m => m.To == "nobody@example.com");
        var (memberId, token) = LinkIn(Assert.Single(Mailbox.Messages, m => m.Subject == "Reset your password"));
        var weak = await client.PostAsJsonAsync("/api/auth/reset-password", new { memberId, token, newPassword = "1234567890" });
        var reset = await client.PostAsJsonAsync("/api/auth/reset-password", new { memberId, token, newPassword = "my fresh new passphrase" });
        var again = await client.PostAsJsonAsync("/api/auth/reset-password", new { memberId, token, newPassword = "another new passphrase" });

        Assert.Equal(HttpStatusCode.BadRequest, weak.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("invalid-reset-token", (await again.JsonAsync()).GetProperty("code").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/me", oldSession)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.LoginAsync("victor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync("victor", "my fresh new passphrase")).StatusCode);
        Assert.DoesNotContain(Forum.Logs.Lines, line => line.Contains(token, StringComparison.Ordinal));
    }

    [Fact]
    public async Task KeepsTheDevMailboxForAdminsOnly()
    {
        var client = Forum.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var anonymous = await client.GetAsync(new Uri("/admin/mailbox", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location?.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShowsTheDevMailboxToAnAdminAndForbidsItToAMember()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var member = await client.SignUpAndInAsync("wendy");
        var admin = await client.SignInAsync("root@example.com", ForumFactory.AdminPassword);

        var asAdmin = await client.SendAsync(HttpMethod.Get, "/admin/mailbox", admin);
        var asMember = await client.SendAsync(HttpMethod.Get, "/admin/mailbox", member);

        Assert.Equal(HttpStatusCode.OK, asAdmin.StatusCode);
        Assert.Contains("wendy@example.com", await asAdmin.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, asMember.StatusCode);
    }

    private DevMailbox Mailbox => Forum.Services.GetRequiredService<DevMailbox>();

    private static (Guid MemberId, string Token) LinkIn(EmailMessage message)
    {
        var match = Link().Match(message.Body);
        Assert.True(match.Success, message.Body);
        return (Guid.Parse(match.Groups[1].Value), match.Groups[2].Value);
    }

    [GeneratedRegex("memberId=([0-9a-f-]{36})&token=([A-Za-z0-9_-]+)")]
    private static partial Regex Link();
}

public sealed class SqliteEmailTests() : EmailTests(StorageEngine.Sqlite);

public sealed class PostgresEmailTests() : EmailTests(StorageEngine.Postgres);
