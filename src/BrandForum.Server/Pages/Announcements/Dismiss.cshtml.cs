using BrandForum.Server.Animation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Announcements;

/// <summary>
/// Hides the current announcement for this visitor (a cookie on this device naming it; a new announcement shows
/// again). Like the language switch it only sets the visitor's own cookie, so it needs no antiforgery token and
/// anonymous pages stay free of per-visitor tokens.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class DismissModel : PageModel
{
    public IActionResult OnPost(Guid? id, string? returnUrl)
    {
        if (id is not { } dismissed)
        {
            return BadRequest();
        }

        Response.Cookies.Append(BrandForum.Server.Animation.Announcements.DismissedCookie, dismissed.ToString(), new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddDays(90),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = Request.IsHttps,
        });
        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
