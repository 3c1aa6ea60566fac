using System.Security.Claims;
using BrandForum.Server.Http;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Members.Passkeys;

public sealed record PasskeyCredential(string? Credential, string? Name);

/// <summary>
/// Passkeys (WebAuthn) for the web pages, on .NET 10 Identity: the server makes the options and checks the
/// browser's answer; Identity keeps the ceremony's state in its short-lived two-factor cookie. Signing in with
/// a passkey starts a session like a password sign-in does. Called by wwwroot/js/passkeys.js with the page's
/// antiforgery token in a header.
/// </summary>
public static class PasskeyEndpoints
{
    private const int MaxCredentialLength = 16 * 1024;

    public static IEndpointRouteBuilder MapPasskeys(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account/passkeys")
            .AddEndpointFilter(ValidateAntiforgeryAsync)
            .WithMetadata(new RequestSizeLimitAttribute(32 * 1024));
        group.MapPost("/creation-options", CreationOptionsAsync).RequireAuthorization();
        group.MapPost("/", AddAsync).RequireAuthorization();
        group.MapPost("/request-options", async (SignInManager<ForumUser> signIn) =>
            Results.Content(await signIn.MakePasskeyRequestOptionsAsync(user: null), "application/json")).RequireRateLimiting(RateLimits.SignIn);
        group.MapPost("/sign-in", SignInAsync).RequireRateLimiting(RateLimits.SignIn);
        return app;
    }

    private static async Task<IResult> CreationOptionsAsync(ClaimsPrincipal user, UserManager<ForumUser> users, SignInManager<ForumUser> signIn)
    {
        var me = await users.FindByIdAsync(MemberPrincipal.MemberId(user)!.Value.ToString());
        var entity = new PasskeyUserEntity { Id = me!.Id.ToString(), Name = me.UserName!, DisplayName = me.UserName! };
        return Results.Content(await signIn.MakePasskeyCreationOptionsAsync(entity), "application/json");
    }

    private static async Task<IResult> AddAsync(PasskeyCredential? body, ClaimsPrincipal user, UserManager<ForumUser> users, SignInManager<ForumUser> signIn)
    {
        if (body?.Credential is not { Length: > 0 and <= MaxCredentialLength } credential)
        {
            return Problems.Invalid("credential", "The browser's passkey answer is missing.");
        }

        var attestation = await signIn.PerformPasskeyAttestationAsync(credential);
        if (!attestation.Succeeded)
        {
            return Problems.Problem(StatusCodes.Status400BadRequest, $"This passkey could not be added: {attestation.Failure.Message}", "passkey-refused");
        }

        var me = await users.FindByIdAsync(MemberPrincipal.MemberId(user)!.Value.ToString());
        attestation.Passkey.Name = string.IsNullOrWhiteSpace(body.Name) ? "Passkey" : body.Name.Trim()[..Math.Min(body.Name.Trim().Length, 60)];
        var added = await users.AddOrUpdatePasskeyAsync(me!, attestation.Passkey);
        return added.Succeeded ? Results.NoContent() : Problems.Problem(StatusCodes.Status400BadRequest, "This passkey could not be saved.", "passkey-refused");
    }

    private static async Task<IResult> SignInAsync(
        PasskeyCredential? body, SignInManager<ForumUser> signIn, UserManager<ForumUser> users, SignIns signIns, Sessions sessions, HttpContext http)
    {
        if (body?.Credential is not { Length: > 0 and <= MaxCredentialLength } credential)
        {
            return Problems.Invalid("credential", "The browser's passkey answer is missing.");
        }

        var assertion = await signIn.PerformPasskeyAssertionAsync(credential);
        if (!assertion.Succeeded || await users.IsLockedOutAsync(assertion.User))
        {
            return Problems.Problem(StatusCodes.Status401Unauthorized, "This passkey did not sign you in.", "passkey-refused");
        }

        // The sign count and last use are part of the stored passkey.
        await users.AddOrUpdatePasskeyAsync(assertion.User, assertion.Passkey);
        var session = await sessions.StartAsync(assertion.User.Id, http.Request.Headers.UserAgent, http.RequestAborted);
        await http.SignInAsync(IdentityConstants.ApplicationScheme, await signIns.PrincipalAsync(assertion.User, session), new AuthenticationProperties { IsPersistent = true });
        return Results.NoContent();
    }

    /// <summary>These JSON endpoints ride on the cookie, so they check the page's antiforgery token like a form would.</summary>
    private static async ValueTask<object?> ValidateAntiforgeryAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var antiforgery = context.HttpContext.RequestServices.GetRequiredService<IAntiforgery>();
        return await antiforgery.IsRequestValidAsync(context.HttpContext)
            ? await next(context)
            : Problems.Problem(StatusCodes.Status400BadRequest, "The page is out of date: reload it and try again.", "antiforgery");
    }
}
