using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandForum.Server.Pages.Account;

[EnableRateLimiting(RateLimits.SignUp)]
public sealed class RegisterModel(MemberRegistration registration, SignIns signIns, AccountEmails emails) : PageModel
{
    [BindProperty]
    public RegisterForm Input { get; set; } = new();

    public void OnGet(string? code) => Input.ReferralCode = code;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(Input.UserName) || string.IsNullOrWhiteSpace(Input.Email) || string.IsNullOrEmpty(Input.Password))
        {
            ModelState.AddModelError(string.Empty, "A user name, an email and a password are all needed.");
            return Page();
        }

        var (member, refused) = await registration.RegisterAsync(Input.UserName.Trim(), Input.Email.Trim(), Input.Password, Input.ReferralCode, ct);
        if (refused is not null)
        {
            ModelState.AddModelError(string.Empty, refused.Message);
            return Page();
        }

        await emails.SendConfirmationAsync(member!.MemberId, AuthEndpoints.BaseUrl(HttpContext), ct);
        var signedIn = await signIns.CheckAsync(member.UserName, Input.Password, null, null, Request.Headers.UserAgent, ct);
        await HttpContext.SignInAsync(IdentityConstants.ApplicationScheme, signedIn.Principal!, new AuthenticationProperties { IsPersistent = true });
        return LocalRedirect("/");
    }

    public sealed class RegisterForm
    {
        public string? UserName { get; set; }

        public string? Email { get; set; }

        public string? Password { get; set; }

        public string? ReferralCode { get; set; }
    }
}
