using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Members.TwoFactor;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Account;

[Authorize]
[Microsoft.AspNetCore.RateLimiting.EnableRateLimiting(Http.RateLimits.SignIn)]
public sealed class TwoFactorModel(UserManager<ForumUser> users, TwoFactorSignIn twoFactor, SignIns signIns, IStringLocalizer<Texts> t) : PageModel
{
    public bool Enabled { get; private set; }

    public int RecoveryCodesLeft { get; private set; }

    public AuthenticatorSetup? Setup { get; private set; }

    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task OnGetAsync() => await LoadAsync(await MeAsync());

    public async Task OnPostEnableAsync(string? code)
    {
        var me = await MeAsync();
        RecoveryCodes = await twoFactor.EnableAsync(me, code ?? "");
        if (RecoveryCodes is null)
        {
            ModelState.AddModelError(string.Empty, t["That code is not right: check the time on your phone and type the current code."]);
        }
        else
        {
            await HttpContext.RefreshCookieAsync(signIns);
        }

        await LoadAsync(me);
    }

    public async Task OnPostDisableAsync(string? password)
    {
        var me = await MeAsync();
        if (await signIns.ConfirmPasswordAsync(me, password))
        {
            await twoFactor.DisableAsync(me);
            await HttpContext.RefreshCookieAsync(signIns);
        }
        else
        {
            ModelState.AddModelError(string.Empty, t["Your current password is needed to turn two-factor sign-in off."]);
        }

        await LoadAsync(me);
    }

    public async Task OnPostNewCodesAsync(string? password)
    {
        var me = await MeAsync();
        if (me.TwoFactorEnabled && await signIns.ConfirmPasswordAsync(me, password))
        {
            RecoveryCodes = await twoFactor.NewRecoveryCodesAsync(me);
        }
        else
        {
            ModelState.AddModelError(string.Empty, t["Your current password is needed for new recovery codes."]);
        }

        await LoadAsync(me);
    }

    private async Task<ForumUser> MeAsync() => (await users.FindByIdAsync(MemberPrincipal.MemberId(User)!.Value.ToString()))!;

    private async Task LoadAsync(ForumUser me)
    {
        Enabled = me.TwoFactorEnabled;
        RecoveryCodesLeft = Enabled ? await users.CountRecoveryCodesAsync(me) : 0;
        Setup = Enabled ? null : await twoFactor.SetupAsync(me);
    }
}
