using System.Security.Claims;
using BrandForum.Server.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Members.TwoFactor;

public sealed record TwoFactorCodeRequest(string? Code);

public sealed record PasswordConfirmation(string? Password);

/// <summary>Two-factor sign-in for API clients: set up an authenticator app, turn it on or off, renew recovery codes.</summary>
public static class TwoFactorEndpoints
{
    public static IEndpointRouteBuilder MapTwoFactor(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/me/two-factor").RequireAuthorization().RequireRateLimiting(RateLimits.SignIn).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        group.MapGet("/", async (ClaimsPrincipal user, UserManager<ForumUser> users) =>
            await Me(user, users) is { } me
                ? Results.Ok(new { enabled = me.TwoFactorEnabled, recoveryCodesLeft = await users.CountRecoveryCodesAsync(me) })
                : Results.Unauthorized());
        // While two-factor is on, the key is never shown again: a stolen session must not copy the second factor.
        group.MapPost("/setup", async (ClaimsPrincipal user, UserManager<ForumUser> users, TwoFactorSignIn twoFactor) =>
            await Me(user, users) is not { } me ? Results.Unauthorized()
            : me.TwoFactorEnabled ? Problems.Problem(StatusCodes.Status409Conflict, "Two-factor sign-in is on: turn it off first to set up another app.", "two-factor-on")
            : Results.Ok(await twoFactor.SetupAsync(me)));
        group.MapPost("/enable", async (TwoFactorCodeRequest? body, ClaimsPrincipal user, UserManager<ForumUser> users, TwoFactorSignIn twoFactor) =>
            await Me(user, users) is not { } me ? Results.Unauthorized()
            : await twoFactor.EnableAsync(me, body?.Code ?? "") is { } codes ? Results.Ok(new { recoveryCodes = codes })
            : Problems.Problem(StatusCodes.Status400BadRequest, "That code is not right: check the time on your phone and type the current code.", "invalid-two-factor-code"));
        group.MapPost("/disable", async (PasswordConfirmation? body, ClaimsPrincipal user, UserManager<ForumUser> users, SignIns signIns, TwoFactorSignIn twoFactor) =>
        {
            if (await Me(user, users) is not { } me)
            {
                return Results.Unauthorized();
            }

            if (!await signIns.ConfirmPasswordAsync(me, body?.Password))
            {
                return Problems.Invalid("password", "Your current password is needed to turn two-factor sign-in off.");
            }

            await twoFactor.DisableAsync(me);
            return Results.NoContent();
        });
        group.MapPost("/recovery-codes", async (PasswordConfirmation? body, ClaimsPrincipal user, UserManager<ForumUser> users, SignIns signIns, TwoFactorSignIn twoFactor) =>
            await Me(user, users) is not { } me ? Results.Unauthorized()
            : !me.TwoFactorEnabled ? Problems.Problem(StatusCodes.Status409Conflict, "Turn two-factor sign-in on first.", "two-factor-off")
            : !await signIns.ConfirmPasswordAsync(me, body?.Password) ? Problems.Invalid("password", "Your current password is needed for new recovery codes.")
            : Results.Ok(new { recoveryCodes = await twoFactor.NewRecoveryCodesAsync(me) }));
        return app;
    }

    private static async Task<ForumUser?> Me(ClaimsPrincipal user, UserManager<ForumUser> users) =>
        MemberPrincipal.MemberId(user) is { } id ? await users.FindByIdAsync(id.ToString()) : null;
}
