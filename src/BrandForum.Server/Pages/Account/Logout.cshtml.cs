using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Account;

/// <summary>Sign-out is a POST (with antiforgery): a link or image elsewhere cannot sign a member out.</summary>
public sealed class LogoutModel(Sessions sessions) : PageModel
{
    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (MemberPrincipal.MemberId(User) is { } memberId && MemberPrincipal.SessionId(User) is { } sessionId)
        {
            await sessions.RevokeAsync(memberId, sessionId, ct);
        }

        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        return LocalRedirect("/");
    }
}
