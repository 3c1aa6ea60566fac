using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandForum.Server.Pages.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class LoginModel(SignIns signIns) : PageModel
{
    [BindProperty]
    public LoginForm Input { get; set; } = new();

    public string ReturnUrl { get; private set; } = "/";

    public void OnGet(string? returnUrl) => ReturnUrl = Safe(returnUrl);

    public async Task<IActionResult> OnPostAsync(string? returnUrl, CancellationToken ct)
    {
        ReturnUrl = Safe(returnUrl);
        if (string.IsNullOrWhiteSpace(Input.Login) || string.IsNullOrEmpty(Input.Password)
            || Input.Login.Length > 254 || Input.Password.Length > PasswordPolicy.MaxLength
            || await signIns.CheckAsync(Input.Login, Input.Password, Request.Headers.UserAgent, ct) is not { } principal)
        {
            ModelState.AddModelError(string.Empty, "Wrong login or password.");
            return Page();
        }

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
