using BrandForum.Domain.Referrals;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Referrals;

/// <summary>
/// The signed-in ambassador's own page: their code and links (with a form for campaign links), the funnel in numbers
/// and as a chart over the last weeks, and the members they brought. Members who may not refer are told so (403).
/// </summary>
[Authorize]
public sealed class AmbassadorModel(ReferralLinks links, ReferralReads reads, TimeProvider time, IStringLocalizer<Texts> t) : PageModel
{
    public const string Address = "/ambassador";
    public const int Weeks = 12;

    public bool Closed { get; private set; }

    public string? Code { get; private set; }

    public string? Link { get; private set; }

    public FunnelCounts Total { get; private set; } = new(0, 0, 0, 0, 0);

    public IReadOnlyList<(CodeFunnel Funnel, string Link)> Campaigns { get; private set; } = [];

    public IReadOnlyList<FunnelWeek> Funnel { get; private set; } = [];

    public IReadOnlyList<ReferralRow> Brought { get; private set; } = [];

    public int BroughtTotal { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var me = MemberPrincipal.MemberId(User)!.Value;
        var (code, refused) = await links.PersonalCodeAsync(me, ct);
        if (refused is not null)
        {
            Closed = true;
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return Page();
        }

        (Code, Link) = (code, links.Link(HttpContext, code!));
        var (total, codes) = await reads.SummaryAsync(me, ct);
        Total = total;
        Campaigns = [.. codes.Where(c => c.Label is not null).Select(c => (c, links.Link(HttpContext, c.Code)))];
        Funnel = await reads.WeeklyAsync(me, time.GetUtcNow(), Weeks, ct);
        var brought = await reads.ReferralsAsync(me, 1, includeStruck: false, ct);
        (Brought, BroughtTotal) = (brought.Items, brought.Total);
        return Page();
    }

    public async Task<IActionResult> OnPostCampaignAsync(string? label, CancellationToken ct)
    {
        if (label is null || !CampaignLabels.IsValid(label.Trim()))
        {
            Message = t["A campaign label is 1–40 characters: a-z, 0-9 or '-'."];
            return Redirect(Address);
        }

        var (_, created, refused) = await links.CampaignAsync(MemberPrincipal.MemberId(User)!.Value, label.Trim(), ct);
        Message = refused is not null ? t.Refusal(refused) : created ? t["Campaign link created."] : t["You already have this campaign link."];
        return Redirect(Address);
    }

    /// <summary>The chart's legend, in the reader's language.</summary>
    public IReadOnlyList<string> Stages => [t["Visited"], t["Registered"], t["Activated"], t["Retained"]];

    public string Stage(ReferralStage stage) => t[stage.ToString()];
}
