using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Members;

public sealed class ProfileModel(MemberCards cards) : PageModel
{
    public MemberCard Card { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string userName, CancellationToken ct)
    {
        if (await cards.FindByUserNameAsync(userName, ct) is not { } card)
        {
            return NotFound();
        }

        Card = card;
        return Page();
    }
}
