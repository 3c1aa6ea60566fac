using BrandForum.Server.Categories;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>Appeals waiting for a decision, oldest first; each is upheld or lifted with a reason the member reads.</summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class AppealsModel(SanctionReads reads, SanctionCommands commands, IStringLocalizer<Texts> t) : PageModel
{
    public const string Address = "/moderation/appeals";

    public IReadOnlyList<OpenAppeal> Appeals { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Appeals = await reads.OpenAppealsAsync(ct);

    public async Task<IActionResult> OnPostDecideAsync(Guid appealId, string? decision, string? reason, CancellationToken ct)
    {
        if (decision is not ("uphold" or "lift"))
        {
            return BadRequest();
        }

        var lift = decision == "lift";
        var refused = await commands.DecideAppealAsync(appealId, lift, reason?.Trim() ?? "", Viewer.Of(User), ct);
        Message = refused is not null ? t.Refusal(refused) : lift ? t["Appeal granted: the sanction is lifted."] : t["Appeal turned down: the sanction stands."];
        return Redirect(Address);
    }
}
