using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BrandForum.Server.Members.Email;

/// <summary>
/// Email confirmation and password reset, on Identity's token providers (single-use through the security
/// stamp, time-limited). Links point at the web pages; the API accepts the same member id and token.
/// </summary>
public sealed class AccountEmails(
    UserManager<ForumUser> users, IEmailSender email, Sessions sessions, IConfiguration configuration, IHostEnvironment environment, TimeProvider time,
    ILogger<AccountEmails> logger)
{
    public async Task SendConfirmationAsync(Guid memberId, string baseUrl, CancellationToken ct)
    {
        if (await users.FindByIdAsync(memberId.ToString()) is not { EmailConfirmed: false } user)
        {
            return;
        }

        if (PublicUrl(baseUrl) is not { } site)
        {
            return;
        }

        var token = Encode(await users.GenerateEmailConfirmationTokenAsync(user));
        var link = $"{site}/account/confirm?memberId={user.Id}&token={token}";
        await email.SendAsync(new EmailMessage(user.Email!, "Confirm your email", $"Hello {user.UserName},\n\nConfirm your email address by opening this link:\n{link}\n\nIf you did not join, ignore this email.", time.GetUtcNow()), ct);
    }

    public async Task<bool> ConfirmAsync(Guid memberId, string token)
    {
        var user = await users.FindByIdAsync(memberId.ToString());
        return user is not null && Decode(token) is { } raw && (await users.ConfirmEmailAsync(user, raw)).Succeeded;
    }

    /// <summary>Sends a reset link if the address belongs to a member; says nothing either way.</summary>
    public async Task SendPasswordResetAsync(string address, string baseUrl, CancellationToken ct)
    {
        if (await users.FindByEmailAsync(address) is not { } user || PublicUrl(baseUrl) is not { } site)
        {
            return;
        }

        var token = Encode(await users.GeneratePasswordResetTokenAsync(user));
        var link = $"{site}/account/reset?memberId={user.Id}&token={token}";
        await email.SendAsync(new EmailMessage(user.Email!, "Reset your password", $"Hello {user.UserName},\n\nChoose a new password here (the link works once, for a day):\n{link}\n\nIf you did not ask, ignore this email: your password stays as it is.", time.GetUtcNow()), ct);
    }

    /// <summary>Sets the new password and ends every session of the member. Null on success.</summary>
    public async Task<Refusal?> ResetPasswordAsync(Guid memberId, string token, string newPassword, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(memberId.ToString());
        if (user is null || Decode(token) is not { } raw)
        {
            return new Refusal("invalid-reset-token", "This reset link is not valid any more: ask for a new one.", null);
        }

        var reset = await users.ResetPasswordAsync(user, raw, newPassword);
        if (!reset.Succeeded)
        {
            return reset.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.InvalidToken))
                ? new Refusal("invalid-reset-token", "This reset link is not valid any more: ask for a new one.", null)
                : new Refusal("invalid-password", string.Join(" ", reset.Errors.Select(e => e.Description)), "newPassword");
        }

        await users.ResetAccessFailedCountAsync(user);
        await users.SetLockoutEndDateAsync(user, null); // proving the mailbox is as good as the password
        await sessions.RevokeOthersAsync(user.Id, keep: null, ct);
        return null;
    }

    /// <summary>
    /// Where links in emails point. Forum:PublicUrl in production: the request's own Host header is chosen by the
    /// client, and a reset link built from it would send a member's token to whoever asked. In Development the
    /// request's address is used; elsewhere, without Forum:PublicUrl, no email with a link is sent.
    /// </summary>
    private string? PublicUrl(string requestBase)
    {
        if (configuration["Forum:PublicUrl"] is { Length: > 0 } configured)
        {
            return configured.TrimEnd('/');
        }

        if (environment.IsDevelopment())
        {
            return requestBase.TrimEnd('/');
        }

        logger.LogWarning("Forum:PublicUrl is not set: emails with links (confirmation, password reset) are not sent. Set Forum__PublicUrl.");
        return null;
    }

    private static string Encode(string token) => WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(token));

    private static string? Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
