using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Account;

[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Http.RateLimits.SignIn)]
public sealed class AccountModel(
    Sessions sessions, PasswordChanges passwords, UserManager<ForumUser> users, AccountEmails emails, MemberCards cards, IEventStore store, TimeProvider time,
    SignIns signIns, LanguageChoices languages, IStringLocalizer<Texts> t)
    : PageModel
{
    public string UserName => User.Identity?.Name ?? "";

    public Guid? CurrentSession => MemberPrincipal.SessionId(User);

    public IReadOnlyList<MemberSession> ActiveSessions { get; private set; } = [];

    public bool EmailConfirmed { get; private set; }

    public IReadOnlyList<UserPasskeyInfo> Passkeys { get; private set; } = [];

    public MemberCard? Card { get; private set; }

    [TempData]
    public string? Message { get; set; }

    private Guid MemberId => MemberPrincipal.MemberId(User)!.Value;

    public async Task OnGetAsync(CancellationToken ct)
    {
        ActiveSessions = await sessions.ActiveAsync(MemberId, ct);
        var me = (await users.FindByIdAsync(MemberId.ToString()))!;
        EmailConfirmed = me.EmailConfirmed;
        Passkeys = [.. await users.GetPasskeysAsync(me)];
        Card = await cards.FindAsync(MemberId, ct);
    }

    public async Task<IActionResult> OnPostProfileAsync(string? displayName, string? bio, string? avatarUrl, CancellationToken ct)
    {
        var decided = await store.DecideAsync(
            MembersSetup.StreamId(MemberId),
            Member.Decider,
            new EditProfile(displayName, bio, avatarUrl, time.GetUtcNow()),
            new EventMetadata(Actor: MemberId.ToString()),
            ct: ct);
        Message = t[decided.Decision.Error?.Message ?? "Your profile is saved."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string? credentialId)
    {
        var me = (await users.FindByIdAsync(MemberId.ToString()))!;
        byte[]? id;
        try
        {
            id = string.IsNullOrEmpty(credentialId) ? null : Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(credentialId);
        }
        catch (FormatException)
        {
            id = null;
        }

        var removed = id is not null && (await users.RemovePasskeyAsync(me, id)).Succeeded;
        Message = removed ? t["That passkey is removed."] : t["That passkey was already gone."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResendConfirmationAsync(CancellationToken ct)
    {
        await emails.SendConfirmationAsync(MemberId, AuthEndpoints.BaseUrl(HttpContext), ct);
        Message = t["A new confirmation link is on its way to your email address."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostChangePasswordAsync(string? currentPassword, string? newPassword, CancellationToken ct)
    {
        var refused = string.IsNullOrEmpty(currentPassword) || string.IsNullOrEmpty(newPassword)
            ? new Refusal("invalid-password", "Type your current password and a new one.", "newPassword")
            : await passwords.ChangeAsync(MemberId, CurrentSession, currentPassword, newPassword, ct);
        if (refused is not null)
        {
            ModelState.AddModelError(string.Empty, t[refused.Message]);
            await OnGetAsync(ct);
            return Page();
        }

        await HttpContext.RefreshCookieAsync(signIns);
        Message = t["Your password is changed. Your other devices are signed out."];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEndSessionAsync(Guid sessionId, CancellationToken ct)
    {
        Message = await sessions.RevokeAsync(MemberId, sessionId, ct) ? t["That device is signed out."] : t["That session had already ended."];
        return RedirectToPage();
    }

    /// <summary>"" means automatic: the device's cookie goes too, so the browser's Accept-Language decides again.</summary>
    public async Task<IActionResult> OnPostLanguageAsync(string? language, CancellationToken ct)
    {
        var chosen = string.IsNullOrEmpty(language) ? null : language;
        if (await languages.ChooseAsync(MemberId, chosen, ct) is { } error)
        {
            Message = t[error.Message];
            return RedirectToPage();
        }

        if (chosen is null)
        {
            LanguageCookie.Clear(Response);
        }
        else
        {
            LanguageCookie.Set(Response, chosen);
        }

        // No message: the page comes back in the chosen language, which says it well enough.
        return RedirectToPage();
    }
}
