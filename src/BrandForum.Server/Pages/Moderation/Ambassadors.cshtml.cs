using BrandForum.Domain.Referrals;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Referrals;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>
/// The community managers' view of the programme: the community-wide funnel (numbers and chart), every ambassador
/// with their funnel and forms to promote, pause, resume or retire them with a note, a form to enrol a member, and
/// members who look like future ambassadors, with the reasons.
/// </summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class AmbassadorsModel(
    ReferralReads reads, SuggestionReads suggestions, AmbassadorCommands commands, MemberCards cards, TimeProvider time, IStringLocalizer<Texts> t) : PageModel
{
    public const string Address = "/moderation/ambassadors";

    public FunnelCounts Community { get; private set; } = new(0, 0, 0, 0, 0);

    public IReadOnlyList<FunnelWeek> Funnel { get; private set; } = [];

    public IReadOnlyList<(AmbassadorView Ambassador, FunnelCounts Counts, bool Flagged)> Ambassadors { get; private set; } = [];

    public IReadOnlyList<AmbassadorSuggestion> Suggestions { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var (total, referrers) = await reads.CommunityAsync(ct);
        var byMember = referrers.ToDictionary(r => r.MemberId);
        Community = total;
        Funnel = await reads.WeeklyAsync(null, time.GetUtcNow(), Referrals.AmbassadorModel.Weeks, ct);
        Ambassadors = [.. (await reads.AmbassadorsAsync(ct)).Select(a => byMember.TryGetValue(a.MemberId, out var f) ? (a, f.Counts, f.Flagged) : (a, new FunnelCounts(0, 0, 0, 0, 0), false))];
        Suggestions = await suggestions.SuggestAsync(ct);
    }

    /// <summary>One form for every change: <paramref name="change"/> is enrol (by user name, or a suggested member's id), tier, pause, resume or retire.</summary>
    public async Task<IActionResult> OnPostChangeAsync(string? change, Guid? memberId, string? userName, int? tier, string? note, CancellationToken ct)
    {
        var member = memberId ?? (userName is { Length: > 0 } name ? (await cards.FindByUserNameAsync(name.Trim().TrimStart('@'), ct))?.MemberId : null);
        if (member is not { } id)
        {
            Message = t["There is no such member."];
            return Redirect(Address);
        }

        var by = MemberPrincipal.MemberId(User)!.Value;
        note = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        Func<DateTimeOffset, AmbassadorCommand>? command = change switch
        {
            "enrol" or "tier" when tier is { } level => at => new EnrolAmbassador(level, note, by, at),
            "pause" => at => new PauseAmbassador(note, by, at),
            "resume" => at => new ResumeAmbassador(note, by, at),
            "retire" => at => new RetireAmbassador(note, by, at),
            _ => null,
        };
        if (command is null)
        {
            return BadRequest();
        }

        var refused = await commands.DecideAsync(id, command, by, ct);
        Message = refused is not null ? t.Refusal(refused) : t["Saved."];
        return Redirect(Address);
    }

    public IReadOnlyList<string> Stages => [t["Visited"], t["Registered"], t["Activated"], t["Retained"]];

    public string Reason(SuggestionReason reason) => reason.Reason switch
    {
        "helpful-replies" => t["{0} helpful replies", reason.Count],
        "reactions-received" => t["{0} reactions received", reason.Count],
        "activated-referrals" => t["{0} activated referrals", reason.Count],
        "trust-level" => t["trust level {0}", reason.Count],
        _ => reason.Reason,
    };
}
