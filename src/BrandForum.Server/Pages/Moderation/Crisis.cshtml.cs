using System.Globalization;
using BrandForum.Server.Categories;
using BrandForum.Server.Crisis;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>Crisis mode: the crises in force with a form to declare or change one and a button to lift it, and the timeline of every crisis.</summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class CrisisModel(CrisisBoard board, CrisisReads reads, CrisisCommands commands, CategoryReads categories, IStringLocalizer<Texts> t) : PageModel
{
    public const string Address = "/moderation/crisis";

    public IReadOnlyList<CrisisInForce> InForce { get; private set; } = [];

    public IReadOnlyList<CrisisPeriod> Timeline { get; private set; } = [];

    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        InForce = await board.AllInForceAsync(ct);
        Timeline = await reads.TimelineAsync(ct);
        Categories = await categories.AllAsync(Viewer.Of(User), ct);
    }

    public async Task<IActionResult> OnPostDeclareAsync(string? scope, int? slowModeSeconds, int? holdBelowTrustLevel, string? statement, string? until, CancellationToken ct)
    {
        var end = DateTime.TryParseExact(until, CalendarModel.InputTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at)
            ? new DateTimeOffset(at, TimeSpan.Zero)
            : (DateTimeOffset?)null;
        var refused = await commands.DeclareAsync(scope ?? "", new CrisisRequest(slowModeSeconds ?? 0, holdBelowTrustLevel ?? 0, statement, end), MemberPrincipal.MemberId(User)!.Value, ct);
        Message = refused is null ? t["Crisis mode is on."] : t.Refusal(refused);
        return Redirect(Address);
    }

    public async Task<IActionResult> OnPostLiftAsync(string? scope, CancellationToken ct)
    {
        var refused = await commands.LiftAsync(scope ?? "", MemberPrincipal.MemberId(User)!.Value, ct);
        Message = refused is null ? t["Crisis mode is off."] : t.Refusal(refused);
        return Redirect(Address);
    }
}
