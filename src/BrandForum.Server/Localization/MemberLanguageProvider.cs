using BrandForum.Server.Members;
using Microsoft.AspNetCore.Localization;

namespace BrandForum.Server.Localization;

/// <summary>The signed-in member's saved language comes first; null (automatic) lets the cookie or the browser decide.</summary>
public sealed class MemberLanguageProvider : RequestCultureProvider
{
    public override async Task<ProviderCultureResult?> DetermineProviderCultureResult(HttpContext httpContext)
    {
        // The API answers in English (problem details): spare its calls the read.
        if (httpContext.Request.Path.StartsWithSegments("/api", StringComparison.Ordinal)
            || MemberPrincipal.MemberId(httpContext.User) is not { } memberId)
        {
            return null;
        }

        var language = await httpContext.RequestServices.GetRequiredService<MemberCards>().LanguageAsync(memberId, httpContext.RequestAborted);
        return language is null ? null : new ProviderCultureResult(language);
    }
}
