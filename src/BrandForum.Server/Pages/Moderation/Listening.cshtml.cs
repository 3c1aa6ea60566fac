using System.Security.Claims;
using BrandForum.Server.Analytics;
using BrandForum.Server.Listening;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>The watchlist (one term a line) and, per term, its mentions per day as a chart and its latest posts.</summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
public sealed class ListeningModel(ListeningReads reads, ListeningCommands commands, TimeProvider time) : PageModel
{
    public const string Address = "/moderation/listening";

    public IReadOnlyList<string> Watchlist { get; private set; } = [];

    public IReadOnlyList<(TermMentions Mentions, string Svg)> Terms { get; private set; } = [];

    public string? Error { get; private set; }

    [BindProperty]
    public string? TermsText { get; set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Watchlist = await reads.WatchlistAsync(ct);
        TermsText = string.Join('\n', Watchlist);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var period = new AnalyticsPeriod(today.AddDays(-13), today, null);
        Terms = [.. (await reads.MentionsAsync(Watchlist, period, hourly: false, ct))
            .Select(t => (t, SvgChart.Bars(new Series("mentions", "day", period.FromDay, period.ToDay, null, t.Points), t.Term)))];
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var terms = (TermsText ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var (_, refusal) = await commands.SetWatchlistAsync(terms, MemberPrincipal.MemberId(User)!.Value, ct);
        if (refusal is not null)
        {
            Error = refusal.Message;
            await OnGetAsync(ct);
            TermsText = string.Join('\n', terms);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        // The projection applies the new list within a second or so: the page says so rather than wait.
        return Redirect(Address + "?saved=1");
    }
}
