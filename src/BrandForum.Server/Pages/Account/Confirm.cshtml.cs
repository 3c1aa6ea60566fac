using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Account;

public sealed class ConfirmModel(AccountEmails emails) : PageModel
{
    public bool Confirmed { get; private set; }

    public async Task OnGetAsync(Guid? memberId, string? token) =>
        Confirmed = memberId is { } id && token is { Length: > 0 } && await emails.ConfirmAsync(id, token);
}
