using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandForum.Server.Pages.Account;

[EnableRateLimiting(RateLimits.SignIn)]
public sealed class ForgotModel(AccountEmails emails) : PageModel
{
    public bool Sent { get; private set; }

    public async Task OnPostAsync(string? email, CancellationToken ct)
    {
        if (email is { Length: > 0 and <= 254 })
        {
            await emails.SendPasswordResetAsync(email.Trim(), AuthEndpoints.BaseUrl(HttpContext), ct);
        }

        Sent = true;
    }
}
