using BrandForum.Domain.Members;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages;

/// <summary>
/// The language switcher's target (a plain form, no script): remembers the choice on this device in the culture
/// cookie and, for a signed-in member, in their profile, then goes back to the page it came from.
/// </summary>
public sealed class LanguageModel(LanguageChoices choices) : PageModel
{
    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl, CancellationToken ct)
    {
        if (language is not { } chosen || !Languages.IsSupported(chosen))
        {
            return BadRequest();
        }

        LanguageCookie.Set(Response, chosen);
        if (MemberPrincipal.MemberId(User) is { } memberId)
        {
            await choices.ChooseAsync(memberId, chosen, ct);
        }

        // Only addresses on this site: the switcher must not become an open redirect.
        return LocalRedirect(returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
