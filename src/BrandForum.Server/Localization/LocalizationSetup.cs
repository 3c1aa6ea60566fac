using System.Text.Encodings.Web;
using System.Text.Unicode;
using BrandForum.Domain.Members;
using Microsoft.AspNetCore.Localization;
using Microsoft.Extensions.WebEncoders;

namespace BrandForum.Server.Localization;

public static class LocalizationSetup
{
    /// <summary>
    /// English and French. The culture of a request is, in order: the signed-in member's saved language, the
    /// language cookie (a visitor's pick in the footer), then Accept-Language; English when none matches.
    /// </summary>
    public static IServiceCollection AddForumLocalization(this IServiceCollection services)
    {
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(o =>
        {
            string[] cultures = [.. Languages.Supported];
            o.SetDefaultCulture(Languages.English).AddSupportedCultures(cultures).AddSupportedUICultures(cultures);
            o.RequestCultureProviders = [new MemberLanguageProvider(), new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        // Razor escapes everything outside Basic Latin by default ("Cr&#xE9;er"); French pages read better as text.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        return services;
    }

    /// <summary>After authentication and <c>MemberPrincipal</c>: the member's language needs to know who is signed in.</summary>
    public static IApplicationBuilder UseForumLocalization(this IApplicationBuilder app) => app.UseRequestLocalization();
}
