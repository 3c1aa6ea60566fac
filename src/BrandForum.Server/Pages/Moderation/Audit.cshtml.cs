using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>The moderation trail, newest first, filtered by who acted and by action through a plain GET form.</summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class AuditModel(AuditReads audit, MemberCards cards) : PageModel
{
    public const string Address = "/moderation/audit";

    public Paged<AuditEntry> Trail { get; private set; } = null!;

    public string? Actor { get; private set; }

    public string? Action { get; private set; }

    /// <summary>The user names of the members the acts on this page target, so each can link to the member's profile.</summary>
    public IReadOnlyDictionary<string, string> MemberNames { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? pageNumber, string? actor, string? action, CancellationToken ct)
    {
        if (pageNumber is < 1)
        {
            return this.NotFoundPage();
        }

        // "@mod" and "mod" name the same moderator: people type the handle as the pages show it.
        Actor = string.IsNullOrWhiteSpace(actor) ? null : actor.Trim().TrimStart('@');
        Action = string.IsNullOrWhiteSpace(action) ? null : action.Trim();
        Trail = await audit.PageAsync(pageNumber ?? 1, Actor, Action, ct);
        // The trail stores member targets by id; a page names few distinct members, so one card each is cheap.
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in Trail.Items.Where(e => e.TargetKind == "member").Select(e => e.TargetId).Distinct(StringComparer.Ordinal))
        {
            if (Guid.TryParse(id, out var memberId) && await cards.FindAsync(memberId, ct) is { } card)
            {
                names[id] = card.UserName;
            }
        }

        MemberNames = names;
        return Page();
    }

    /// <summary>Where an act's target can be seen, if anywhere: a post, a topic, a category, a member or the rulebook.</summary>
    public string? TargetAddress(AuditEntry entry) => entry.TargetKind switch
    {
        "post" => $"/p/{entry.TargetId}",
        "topic" => $"/t/{entry.TargetId}",
        "category" => $"/c/{entry.TargetId}",
        "member" when MemberNames.TryGetValue(entry.TargetId, out var name) => $"/u/{name}",
        "rulebook" => RulebookModel.Address,
        _ => null,
    };

    /// <summary>Who acted: a member, or nobody when the log's own mechanisms did (a rule, members' flags, the sanctioned member's appeal).</summary>
    public static string Who(IStringLocalizer t, AuditEntry entry) => entry switch
    {
        { Actor: { } actor } => actor.UserName is { } name ? "@" + name : t["former member"],
        { Action: "appeal" } => t["the member"],
        { Action: "flags-hide" } => t["members’ flags"],
        _ => t["a rule"],
    };

    public string PageAddress(int page)
    {
        var query = new List<string>();
        if (Actor is not null)
        {
            query.Add("actor=" + Uri.EscapeDataString(Actor));
        }

        if (Action is not null)
        {
            query.Add("action=" + Uri.EscapeDataString(Action));
        }

        if (page > 1)
        {
            query.Add($"page={page}");
        }

        return Address + (query.Count > 0 ? "?" + string.Join("&", query) : "");
    }
}
