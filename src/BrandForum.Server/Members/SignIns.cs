using System.Security.Claims;
using BrandForum.Server.Members.TwoFactor;
using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Members;

public enum SignInStep
{
    Failed,
    TwoFactorRequired,
    SignedIn,

    /// <summary>The member proved who they are but is suspended or banned: they are told why and until when.</summary>
    Suspended,
}

/// <summary>
/// Where a sign-in attempt got to; <see cref="Principal"/> is set once signed in, <see cref="MemberId"/> once the
/// password was right, <see cref="Sanction"/> when a suspension or ban stops them.
/// </summary>
public sealed record SignInOutcome(SignInStep Step, ClaimsPrincipal? Principal = null, Guid? MemberId = null, Moderation.SanctionView? Sanction = null)
{
    public static SignInOutcome Failed { get; } = new(SignInStep.Failed);
}

/// <summary>
/// Checks a login (email or user name), password and, when the member turned it on, the second factor, for
/// the API and the web pages alike: lockout after five failures (second-factor failures count too), and the
/// same answer in the same time whether the account exists or not. A success starts a server-side session
/// whose id rides in the principal.
/// </summary>
public sealed class SignIns(
    UserManager<ForumUser> users, SignInManager<ForumUser> signIn, Sessions sessions, DummyPassword dummy, TwoFactorSignIn twoFactor, Moderation.SanctionReads sanctions)
{
    public async Task<SignInOutcome> CheckAsync(
        string login, string password, string? twoFactorCode, string? recoveryCode, string? device, CancellationToken ct)
    {
        login = login.Trim();
        var user = login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : await users.FindByNameAsync(login);
        if (user is null)
        {
            // Take as long as a real check, so the answer does not tell which accounts exist.
            dummy.Verify(password);
            return SignInOutcome.Failed;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut)
            {
                dummy.Verify(password);
            }

            return SignInOutcome.Failed;
        }

        if (!user.TwoFactorEnabled)
        {
            return await SignedInAsync(user, device, ct);
        }

        return string.IsNullOrWhiteSpace(twoFactorCode) && string.IsNullOrWhiteSpace(recoveryCode)
            ? new SignInOutcome(SignInStep.TwoFactorRequired, MemberId: user.Id)
            : await CompleteTwoFactorAsync(user.Id, twoFactorCode, recoveryCode, device, ct);
    }

    /// <summary>The second step, once the password was right: an authenticator code or a recovery code.</summary>
    public async Task<SignInOutcome> CompleteTwoFactorAsync(Guid memberId, string? twoFactorCode, string? recoveryCode, string? device, CancellationToken ct)
    {
        if (await users.FindByIdAsync(memberId.ToString()) is not { TwoFactorEnabled: true } user || await users.IsLockedOutAsync(user))
        {
            return SignInOutcome.Failed;
        }

        if (!await twoFactor.VerifyAsync(user, twoFactorCode, recoveryCode))
        {
            await users.AccessFailedAsync(user);
            return SignInOutcome.Failed;
        }

        await users.ResetAccessFailedCountAsync(user);
        return await SignedInAsync(user, device, ct);
    }

    /// <summary>
    /// Re-checks a signed-in member's password before a sensitive change. Wrong answers count toward the same
    /// lockout as sign-in, so a stolen session cannot guess the password at leisure.
    /// </summary>
    public async Task<bool> ConfirmPasswordAsync(ForumUser user, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length > PasswordPolicy.MaxLength || await users.IsLockedOutAsync(user))
        {
            return false;
        }

        if (await users.CheckPasswordAsync(user, password))
        {
            await users.ResetAccessFailedCountAsync(user);
            return true;
        }

        await users.AccessFailedAsync(user);
        return false;
    }

    public async Task<ClaimsPrincipal> PrincipalAsync(ForumUser user, Guid sessionId)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Sessions.ClaimType, sessionId.ToString()));
        return principal;
    }

    /// <summary>Starts a session for a member who just proved who they are (a new account, a passkey), unless suspended or banned.</summary>
    public async Task<SignInOutcome> SignedInAsync(ForumUser user, string? device, CancellationToken ct) =>
        await sanctions.ActiveAsync(user.Id, [Domain.Moderation.SanctionKind.Suspend, Domain.Moderation.SanctionKind.Ban], ct) is { } sanction
            ? new SignInOutcome(SignInStep.Suspended, MemberId: user.Id, Sanction: sanction)
            : new(SignInStep.SignedIn, await PrincipalAsync(user, await sessions.StartAsync(user.Id, device, ct)), user.Id);

    /// <summary>
    /// The same session, with a principal carrying the member's new security stamp: after a password or two-factor
    /// change, the cookie of the device that made it must stay valid while every other one stops.
    /// </summary>
    public async Task<ClaimsPrincipal?> RefreshedAsync(ClaimsPrincipal current)
    {
        if (MemberPrincipal.MemberId(current) is not { } memberId || MemberPrincipal.SessionId(current) is not { } sessionId
            || await users.FindByIdAsync(memberId.ToString()) is not { } user)
        {
            return null;
        }

        return await PrincipalAsync(user, sessionId);
    }
}
