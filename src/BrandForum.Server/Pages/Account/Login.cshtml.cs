using System.Security.Claims;
using BrandForum.Server.Http;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandForum.Server.Pages.Account;

/// <summary>
/// Sign-in in one or two steps. When the account has two-factor sign-in, a right password only earns a
/// short-lived Identity two-factor cookie naming the member; the code step then starts the real session.
/// </summary>
[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignIns signIns, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty]
    public LoginForm Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public bool NeedsSecondFactor { get; private set; }

    public void OnGet(string? returnUrl) => ReturnUrl = Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = Safe(returnUrl);
        var outcome = string.IsNullOrWhiteSpace(Input.Login) || string.IsNullOrEmpty(Input.Password)
            || Input.Login.Length > 254 || Input.Password.Length > PasswordPolicy.MaxLength
            ? SignInOutcome.Failed
            : await signIns.CheckAsync(Input.Login, Input.Password, null, null, Request.Headers.UserAgent, ct);
        switch (outcome.Step)
        {
            case SignInStep.SignedIn:
                return await SignInAsync(outcome.Principal!);
            case SignInStep.TwoFactorRequired:
                var pending = new ClaimsIdentity([new Claim(ClaimTypes.Name, outcome.MemberId!.Value.ToString())], IdentityConstants.TwoFactorUserIdScheme);
                await HttpContext.SignInAsync(IdentityConstants.TwoFactorUserIdScheme, new ClaimsPrincipal(pending));
                NeedsSecondFactor = true;
                return Page();
            default:
                ModelState.AddModelError(string.Empty, t["Wrong login or password."]);
                return Page();
        }
    }

    public async Task<IActionResult> OnPostSecondFactorAsync(string? code, string? recoveryCode, string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = Safe(returnUrl);
        var pending = await HttpContext.AuthenticateAsync(IdentityConstants.TwoFactorUserIdScheme);
        if (!Guid.TryParse(pending.Principal?.Identity?.Name, out var memberId))
        {
            ModelState.AddModelError(string.Empty, t["The sign-in took too long: start again."]);
            return Page();
        }

        var outcome = await signIns.CompleteTwoFactorAsync(memberId, code, recoveryCode, Request.Headers.UserAgent, ct);
        if (outcome.Step != SignInStep.SignedIn)
        {
            NeedsSecondFactor = true;
            ModelState.AddModelError(string.Empty, t["That code is not right (a code works only once)."]);
            return Page();
        }

        await HttpContext.SignOutAsync(IdentityConstants.TwoFactorUserIdScheme);
        return await SignInAsync(outcome.Principal!);
    }

    private async Task<IActionResult> SignInAsync(ClaimsPrincipal principal)
    {
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = true });
        return LocalRedirect(ReturnUrl);
    }

    /// <summary>Only addresses on this site: a sign-in must not bounce members to someone else's page.</summary>
    private string Safe(string? returnUrl) => returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";

    public sealed class LoginForm
    {
        public string? Login { get; set; }

        public string? Password { get; set; }
    }
}
