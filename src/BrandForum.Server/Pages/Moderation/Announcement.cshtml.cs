using System.Globalization;
using BrandForum.Server.Animation;
using BrandForum.Server.Categories;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>The site's banner: staff put one up (for every page or some categories, until a time in UTC) or take it down.</summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class AnnouncementModel(BrandForum.Server.Animation.Announcements announcements, CategoryReads categories, IStringLocalizer<Texts> t) : PageModel
{
    public const string Address = "/moderation/announcement";

    public AnnouncementView? Current { get; private set; }

    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Current = await announcements.CurrentAsync();
        Categories = await categories.AllAsync(Viewer.Of(User), ct);
    }

    public async Task<IActionResult> OnPostPublishAsync(string? text, string? until, string[]? only, CancellationToken ct)
    {
        DateTimeOffset? end = string.IsNullOrWhiteSpace(until) ? null
            : DateTime.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var utc)
                ? new DateTimeOffset(utc, TimeSpan.Zero)
                : DateTimeOffset.MinValue; // unreadable: refused as a time in the past
        var refused = await announcements.PublishAsync(text, end, only, MemberPrincipal.MemberId(User)!.Value, ct);
        Message = refused is null ? t["The announcement is up."] : t.Refusal(refused);
        return Redirect(Address);
    }

    public async Task<IActionResult> OnPostWithdrawAsync(CancellationToken ct)
    {
        var refused = await announcements.WithdrawAsync(MemberPrincipal.MemberId(User)!.Value, ct);
        Message = refused is null ? t["The announcement is taken down."] : t.Refusal(refused);
        return Redirect(Address);
    }
}
