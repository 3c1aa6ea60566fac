using BrandForum.Domain.Members;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages;

/// <summary>
/// The language switcher's target (a plain form, no script): remembers the choice on this device in the culture
/// cookie and, for a signed-in member, in their profile, then goes back to the page it came from. A visitor's
/// switch only sets their own cookie, so it needs no antiforgery token — which keeps anonymous pages free of
/// per-visitor tokens and cacheable (<see cref="Topics.AnonymousPageCache"/>); a member's also saves their
/// profile, so theirs is checked.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class LanguageModel(LanguageChoices choices, Microsoft.AspNetCore.Antiforgery.IAntiforgery antiforgery) : PageModel
{
    public async Task<IActionResult> OnPostAsync(string? language, string? returnUrl, CancellationToken ct)
    {
        if (language is not { } chosen || !Languages.IsSupported(chosen))
        {
            return BadRequest();
        }

        if (User.Identity?.IsAuthenticated == true && !await antiforgery.IsRequestValidAsync(HttpContext))
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
