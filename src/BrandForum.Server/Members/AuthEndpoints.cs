using System.Security.Claims;
using BrandForum.Domain.Members;
using BrandForum.Server.Http;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using BrandForum.Server.Members.Email;
using Microsoft.Extensions.Options;

namespace BrandForum.Server.Members;

public sealed record RegisterRequest(string? UserName, string? Email, string? Password, string? ReferralCode);

public sealed record LoginRequest(string? Login, string? Password, string? TwoFactorCode = null, string? RecoveryCode = null);

public sealed record RefreshRequest(string? RefreshToken);

public sealed record ConfirmEmailRequest(Guid? MemberId, string? Token);

public sealed record ForgotPasswordRequest(string? Email);

public sealed record ResetPasswordRequest(Guid? MemberId, string? Token, string? NewPassword);

/// <summary>Sign-up, sign-in (bearer + refresh tokens for API clients), refresh and sign-out.</summary>
public static class AuthEndpoints
{
    private const int MaxBodyBytes = 16 * 1024;
    private const int MaxEmailLength = 254;

    public static IEndpointRouteBuilder MapAuth(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
        auth.MapPost("/register", RegisterAsync).RequireRateLimiting(RateLimits.SignUp);
        auth.MapPost("/login", LoginAsync).RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/refresh", RefreshAsync).RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/logout", LogoutAsync).RequireAuthorization();
        auth.MapPost("/confirm-email", ConfirmEmailAsync).RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/forgot-password", ForgotPasswordAsync).RequireRateLimiting(RateLimits.SignIn);
        auth.MapPost("/reset-password", ResetPasswordAsync).RequireRateLimiting(RateLimits.SignIn);
        return app;
    }

    private static async Task<IResult> RegisterAsync(
        RegisterRequest? body, MemberRegistration registration, AccountEmails emails, HttpContext http, CancellationToken ct)
    {
        if (MemberRegistration.Validate(body?.UserName, body?.Email, body?.Password, body?.ReferralCode) is { Count: > 0 } errors)
        {
            return Results.ValidationProblem(errors);
        }

        var (member, refused) = await registration.RegisterAsync(body!.UserName!, body.Email!, body.Password!, Blank(body.ReferralCode), ct);
        if (member is not null)
        {
            await emails.SendConfirmationAsync(member.MemberId, BaseUrl(http), ct);
        }

        return refused is null
            ? Results.Created($"/api/members/{member!.UserName}", new { memberId = member.MemberId, userName = member.UserName })
            : Problems.From(refused);
    }

    private static async Task<IResult> LoginAsync(LoginRequest? body, SignIns signIns, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(body?.Login) || string.IsNullOrEmpty(body.Password)
            || body.Login.Length > MaxEmailLength || body.Password.Length > PasswordPolicy.MaxLength)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]>
            {
                ["login"] = ["An email or user name of at most 254 characters is required."],
                ["password"] = [$"A password of at most {PasswordPolicy.MaxLength} characters is required."],
            });
        }

        var outcome = await signIns.CheckAsync(body.Login, body.Password, body.TwoFactorCode, body.RecoveryCode, http.Request.Headers.UserAgent, http.RequestAborted);
        return outcome.Step switch
        {
            SignInStep.SignedIn => Results.SignIn(outcome.Principal!, authenticationScheme: IdentityConstants.BearerScheme),
            SignInStep.TwoFactorRequired => Problems.Problem(
                StatusCodes.Status401Unauthorized,
                "Two-factor sign-in is on: send the code from your authenticator app as twoFactorCode, or a recovery code as recoveryCode.",
                "two-factor-required"),
            SignInStep.Suspended => Results.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: outcome.Sanction!.Until is { } until ? $"Your account is suspended until {until:u}: {outcome.Sanction.Reason}" : $"Your account is banned: {outcome.Sanction.Reason}",
                extensions: new Dictionary<string, object?> { ["code"] = "account-suspended", ["until"] = outcome.Sanction.Until, ["reason"] = outcome.Sanction.Reason, ["sanctionId"] = outcome.Sanction.SanctionId }),
            _ => Problems.Problem(StatusCodes.Status401Unauthorized, "Wrong login or password.", "wrong-credentials"),
        };
    }

    private static async Task<IResult> RefreshAsync(
        RefreshRequest? body, IOptionsMonitor<BearerTokenOptions> bearer, SignInManager<ForumUser> signIn, SignIns signIns, Sessions sessions, TimeProvider time, HttpContext http)
    {
        if (string.IsNullOrWhiteSpace(body?.RefreshToken))
        {
            return Problems.Invalid("refreshToken", "A refresh token is required.");
        }

        var ticket = bearer.Get(IdentityConstants.BearerScheme).RefreshTokenProtector.Unprotect(body.RefreshToken);
        if (ticket?.Properties.ExpiresUtc is not { } expires || time.GetUtcNow() >= expires
            || MemberPrincipal.SessionId(ticket.Principal) is not { } sessionId
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } user
            || await sessions.TouchAsync(sessionId, http.RequestAborted) is not { } session || session.MemberId != user.Id)
        {
            return Problems.Problem(StatusCodes.Status401Unauthorized, "This refresh token is not valid any more: sign in again.", "invalid-refresh-token");
        }

        return Results.SignIn(await signIns.PrincipalAsync(user, sessionId), authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static async Task<IResult> LogoutAsync(ClaimsPrincipal user, Sessions sessions, CancellationToken ct)
    {
        if (MemberPrincipal.MemberId(user) is { } memberId && MemberPrincipal.SessionId(user) is { } sessionId)
        {
            await sessions.RevokeAsync(memberId, sessionId, ct);
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ConfirmEmailAsync(ConfirmEmailRequest? body, AccountEmails emails) =>
        body is { MemberId: { } memberId, Token: { Length: > 0 } token } && await emails.ConfirmAsync(memberId, token)
            ? Results.NoContent()
            : Problems.Problem(StatusCodes.Status400BadRequest, "This confirmation link is not valid any more.", "invalid-confirmation-token");

    /// <summary>Always 202: whether the address has an account is nobody's business.</summary>
    private static async Task<IResult> ForgotPasswordAsync(ForgotPasswordRequest? body, AccountEmails emails, HttpContext http, CancellationToken ct)
    {
        if (body?.Email is not { Length: > 0 and <= MaxEmailLength } email)
        {
            return Problems.Invalid("email", "An email address of at most 254 characters is required.");
        }

        await emails.SendPasswordResetAsync(email.Trim(), BaseUrl(http), ct);
        return Results.Accepted();
    }

    private static async Task<IResult> ResetPasswordAsync(ResetPasswordRequest? body, AccountEmails emails, CancellationToken ct)
    {
        if (body is not { MemberId: { } memberId, Token: { Length: > 0 } token, NewPassword: { Length: > 0 } password })
        {
            return Problems.Invalid("newPassword", "The member id, the token from the email and a new password are required.");
        }

        return await emails.ResetPasswordAsync(memberId, token, password, ct) is { } refused ? Problems.From(refused) : Results.NoContent();
    }

    public static string BaseUrl(HttpContext http) => $"{http.Request.Scheme}://{http.Request.Host}";

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>A password hash nobody has, checked when a login names no account, so both paths cost the same.</summary>
public sealed class DummyPassword
{
    private readonly PasswordHasher<ForumUser> _hasher;
    private readonly Lazy<string> _hash;

    public DummyPassword(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<ForumUser>(options);
        _hash = new Lazy<string>(() => _hasher.HashPassword(new ForumUser(), Guid.NewGuid().ToString()));
    }

    public void Verify(string password) => _hasher.VerifyHashedPassword(new ForumUser(), _hash.Value, password);
}
