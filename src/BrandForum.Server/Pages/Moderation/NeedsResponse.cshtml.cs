using BrandForum.Server.Analytics;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>Topics still waiting for a staff or ambassador answer past their category's target, oldest first.</summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class NeedsResponseModel(NeedsResponse queue) : PageModel
{
    public const string Address = "/moderation/needs-response";

    public IReadOnlyList<WaitingTopic> Topics { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => Topics = await queue.ListAsync(null, ct);
}
