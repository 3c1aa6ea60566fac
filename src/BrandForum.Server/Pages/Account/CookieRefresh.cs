using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Pages.Account;

public static class CookieRefresh
{
    /// <summary>Re-issues this device's cookie after a change of security stamp (password, two-factor), same session.</summary>
    public static async Task RefreshCookieAsync(this HttpContext http, SignIns signIns)
    {
        if (await signIns.RefreshedAsync(http.User) is { } principal)
        {
            await http.SignInAsync(IdentityConstants.ApplicationScheme, principal, new AuthenticationProperties { IsPersistent = true });
        }
    }
}
