using BrandForum.Domain.Members;
using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace BrandForum.Server.Pages.Admin;

[Authorize(Roles = Roles.Admin)]
public sealed class MailboxModel(IServiceProvider services) : PageModel
{
    /// <summary>Empty when SMTP is configured: then there is no dev mailbox.</summary>
    public IReadOnlyList<EmailMessage> Messages => services.GetService<DevMailbox>()?.Messages ?? [];
}
