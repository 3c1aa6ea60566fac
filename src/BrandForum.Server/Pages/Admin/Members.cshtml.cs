using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Admin;

/// <summary>Admins find members and grant or revoke roles; each change is an event on the member's stream.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class MembersModel(MemberCards cards, IEventStore store, TimeProvider time, IStringLocalizer<Texts> t) : PageModel
{
    public string? Query { get; private set; }

    public IReadOnlyList<MemberCard> Found { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(string? q, CancellationToken ct)
    {
        Query = q;
        Found = await cards.SearchAsync(q, 50, ct);
    }

    public async Task<IActionResult> OnPostAsync(Guid memberId, string role, bool grant, string? q, CancellationToken ct)
    {
        var by = MemberPrincipal.MemberId(User)!.Value;
        MemberCommand command = grant ? new GrantRole(role, by, time.GetUtcNow()) : new RevokeRole(role, by, time.GetUtcNow());
        var decided = await store.DecideAsync(MembersSetup.StreamId(memberId), Member.Decider, command, new EventMetadata(Actor: by.ToString()), ct: ct);
        Message = decided.Decision.Error is { } error ? t[error.Message] : t[grant ? "{0} granted." : "{0} revoked.", t[role]];
        return RedirectToPage(new { q });
    }
}
