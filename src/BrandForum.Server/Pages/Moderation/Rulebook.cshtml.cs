using BrandForum.Domain.Moderation;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Moderation;

/// <summary>
/// The rulebook in force as editable YAML: publish a new version, or back-test the edited text over past posts
/// first. Both post the same form, so a draft with mistakes or under test stays in the textarea as it was typed.
/// </summary>
[Authorize(Policy = MemberEndpoints.StaffPolicy)]
[RequestSizeLimit(RulebookHistory.MaxYamlLength * 2)] // the same room as the API's PUT: a full rulebook plus form encoding
public sealed class RulebookModel(Rulebooks rulebooks, Backtest backtest, IStringLocalizer<Texts> t) : PageModel
{
    public const string Address = "/moderation/rulebook";

    public int Version { get; private set; }

    [BindProperty]
    public string Yaml { get; set; } = "";

    [BindProperty]
    public int? Days { get; set; } = 30;

    /// <summary>The draft's mistakes, each with its line and column, when publishing or back-testing found any.</summary>
    public IReadOnlyList<RulebookError> Errors { get; private set; } = [];

    public string? DaysError { get; private set; }

    public BacktestReport? Report { get; private set; }

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => (Version, Yaml, _) = await rulebooks.CurrentAsync(ct);

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken ct)
    {
        var (published, errors) = await rulebooks.PublishAsync(Yaml, MemberPrincipal.MemberId(User)!.Value, ct);
        if (published is { } version)
        {
            Message = t["Version {0} is in force.", version];
            return Redirect(Address);
        }

        Errors = errors;
        Version = (await rulebooks.CurrentAsync(ct)).Version;
        return Page();
    }

    public async Task<IActionResult> OnPostBacktestAsync(CancellationToken ct)
    {
        Version = (await rulebooks.CurrentAsync(ct)).Version;
        var (draft, errors) = RulebookYaml.Parse(Yaml);
        Errors = errors;
        if (Days is not (>= 1 and <= Backtest.MaxDays))
        {
            DaysError = t["How many days back, 1 to {0}.", Backtest.MaxDays];
        }
        else if (draft is not null)
        {
            Report = await backtest.RunAsync(draft, Days.Value, ct);
        }

        return Page();
    }
}
