using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using BrandForum.Server.Topics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>
/// The moderators' console: the review queue oldest first, one item selected (<c>?item=</c>) with its reasons and
/// its author's history, and forms to claim it and decide on it. Every action is a form POST that redirects back,
/// so it works without JavaScript; wwwroot/js/moderation.js adds keyboard shortcuts and live updates.
/// </summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class QueueModel(ReviewReads reviews, ReviewCommands commands, AuthorHistory history, SqlEventStore store, IStringLocalizer<Texts> t) : PageModel
{
    /// <summary>The log position read before the queue: the live console follows the moderation channel from there.</summary>
    public long LivePosition { get; private set; }

    public Paged<ReviewItem> Queue { get; private set; } = null!;

    public ReviewItem? Selected { get; private set; }

    public AuthorRecord? Author { get; private set; }

    /// <summary>The item to select once the selected one is decided: the one after it, else the one before.</summary>
    public Guid? Next { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public Guid? Me => MemberPrincipal.MemberId(User);

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] int? pageNumber, Guid? item, CancellationToken ct)
    {
        if (pageNumber is < 1)
        {
            return this.NotFoundPage();
        }

        LivePosition = (await store.ReadHeadAsync(ct)).Position;
        Queue = await reviews.OpenAsync(pageNumber ?? 1, ct);
        // An item asked for by address (from a topic page) may sit on another page of the queue.
        Selected = Queue.Items.FirstOrDefault(i => i.ItemId == item)
            ?? (item is { } id ? await reviews.FindOpenAsync(id, ct) : null)
            ?? (Queue.Items.Count > 0 ? Queue.Items[0] : null);
        if (Selected is { } selected)
        {
            Author = await history.OfAsync(selected.Author.MemberId, ct);
            var items = Queue.Items;
            var index = items.Select(i => i.ItemId).ToList().IndexOf(selected.ItemId);
            Next = index < 0 || items.Count == 1 ? null : items[index + 1 < items.Count ? index + 1 : index - 1].ItemId;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostClaimAsync(Guid itemId, bool claim, [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        var refused = await commands.ClaimAsync(Viewer.Of(User), itemId, claim, ct);
        Message = refused is not null ? t.Refusal(refused) : claim ? t["You claimed this item: other moderators cannot decide on it until you release it."] : t["You released this item."];
        return Redirect(Address(pageNumber, itemId));
    }

    public async Task<IActionResult> OnPostDecideAsync(
        Guid itemId, string? decision, string? reason, string? sanctionKind, int? sanctionHours, string? sanctionReason, Guid? next,
        [FromQuery(Name = "page")] int? pageNumber, CancellationToken ct)
    {
        (ReviewDecision Decision, string Done)? chosen = decision switch
        {
            "approve" => (ReviewDecision.Approve, t["Approved."]),
            "reject" => (ReviewDecision.Reject, t["Rejected."]),
            "keep" => (ReviewDecision.Keep, t["Kept: the post stays as it is."]),
            "hide" => (ReviewDecision.Hide, t["Hidden."]),
            _ => null,
        };
        if (chosen is not { } picked)
        {
            return BadRequest();
        }

        SanctionWith? sanction = null;
        if (!string.IsNullOrEmpty(sanctionKind))
        {
            if (!Enum.TryParse<SanctionKind>(sanctionKind, ignoreCase: true, out var kind) || string.IsNullOrWhiteSpace(sanctionReason))
            {
                // Nothing is decided: a sanction without a reason the member can read would be refused after the decision stood.
                Message = t["A sanction needs a reason the member will read."];
                return Redirect(Address(pageNumber, itemId));
            }

            sanction = new SanctionWith(kind, sanctionHours, sanctionReason.Trim());
        }

        var refused = await commands.DecideAsync(Viewer.Of(User), itemId, picked.Decision, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(), sanction, ct);
        Message = refused is null ? picked.Done : t.Refusal(refused);
        // A refusal leaves the item open (or decided by someone else): stay on it so the message is read beside it.
        return Redirect(Address(pageNumber, refused is null ? next : itemId));
    }

    /// <summary>How the console names an item's kind, a reason's flag reason and a sanction (all stable API names).</summary>
    public static string FlagReasonLabel(IStringLocalizer t, string? reason) => reason switch
    {
        "spam" => t["Spam"],
        "inappropriate" => t["Inappropriate"],
        "off-topic" => t["Off topic"],
        "harassment" => t["Harassment"],
        "other" => t["Something else"],
        _ => reason ?? "",
    };

    public static string SanctionLabel(IStringLocalizer t, string kind) => kind switch
    {
        "warn" => t["Warning"],
        "silence" => t["Silence (can read and react, not post)"],
        "suspend" => t["Suspension (cannot sign in)"],
        "ban" => t["Ban"],
        _ => kind,
    };

    public static string Address(int? page, Guid? item) =>
        "/moderation" + (page is > 1 ? $"?page={page}" : "") + (item is { } id ? (page is > 1 ? "&" : "?") + $"item={id}" : "");
}
