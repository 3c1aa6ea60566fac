using Microsoft.AspNetCore.Localization;

namespace BrandForum.Server.Localization;

/// <summary>The visitor's language on this device: ASP.NET Core's standard culture cookie, read by <see cref="CookieRequestCultureProvider"/>.</summary>
public static class LanguageCookie
{
    public static void Set(HttpResponse response, string language) => response.Cookies.Append(
        CookieRequestCultureProvider.DefaultCookieName,
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language)),
        new CookieOptions
        {
            Expires = DateTimeOffset.UtcNow.AddYears(1),
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Lax,
            Secure = response.HttpContext.Request.IsHttps,
        });

    public static void Clear(HttpResponse response) => response.Cookies.Delete(CookieRequestCultureProvider.DefaultCookieName);
}
