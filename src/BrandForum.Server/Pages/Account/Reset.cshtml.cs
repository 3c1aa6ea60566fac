using BrandForum.Server.Http;
using BrandForum.Server.Localization;
using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandForum.Server.Pages.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ResetModel(AccountEmails emails, IStringLocalizer<Texts> t) : PageModel
{
    public Guid? MemberId { get; private set; }

    public string? Token { get; private set; }

    public bool Done { get; private set; }

    public void OnGet(Guid? memberId, string? token) => (MemberId, Token) = (memberId, token);

    public async Task OnPostAsync(Guid? memberId, string? token, string? newPassword, CancellationToken ct)
    {
        (MemberId, Token) = (memberId, token);
        var refused = memberId is { } id && token is { Length: > 0 } && newPassword is { Length: > 0 }
            ? await emails.ResetPasswordAsync(id, token, newPassword, ct)
            : new BrandForum.Server.Members.Refusal("invalid-reset-token", "This reset link is not complete: open the link from the email again.", null);
        if (refused is null)
        {
            Done = true;
        }
        else
        {
            ModelState.AddModelError(string.Empty, t[refused.Message]);
        }
    }
}
