using BrandForum.Server.Http;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandForum.Server.Pages.Account;

[EnableRateLimiting(RateLimits.SignUp)]
public sealed class RegisterModel(MemberRegistration registration, SignIns signIns, AccountEmails emails, UserManager<ForumUser> users, IStringLocalizer<Texts> t) : PageModel
{
    [BindProperty]
    public RegisterForm Input { get; set; } = new();

    public void OnGet(string? code) => Input.ReferralCode = code;

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var referral = string.IsNullOrWhiteSpace(Input.ReferralCode) ? null : Input.ReferralCode.Trim();
        var errors = MemberRegistration.Validate(Input.UserName?.Trim(), Input.Email?.Trim(), Input.Password, referral);
        if (errors.Count > 0)
        {
            foreach (var message in errors.Values.SelectMany(m => m))
            {
                ModelState.AddModelError(string.Empty, t[message]);
            }

            return Page();
        }

        var (member, refused) = await registration.RegisterAsync(Input.UserName!.Trim(), Input.Email!.Trim(), Input.Password!, referral, ct);
        if (refused is not null)
        {
            ModelState.AddModelError(string.Empty, t[refused.Message]);
            return Page();
        }

        await emails.SendConfirmationAsync(member!.MemberId, AuthEndpoints.BaseUrl(HttpContext), ct);
        // The member just chose this password: start the session directly rather than hash it once more.
        var signedIn = await signIns.SignedInAsync((await users.FindByIdAsync(member!.MemberId.ToString()))!, Request.Headers.UserAgent, ct);
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
