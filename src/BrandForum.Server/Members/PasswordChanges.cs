using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Members;

/// <summary>
/// Changes a member's password and ends their other sessions. The asking session stays: the web page re-issues
/// its cookie with the new security stamp; an API client keeps its access token until it expires, and signs in
/// again then (its refresh token no longer matches the stamp).
/// </summary>
public sealed class PasswordChanges(UserManager<ForumUser> users, Sessions sessions, SignIns signIns)
{
    /// <returns>Null on success, else why it was refused.</returns>
    public async Task<Refusal?> ChangeAsync(Guid memberId, Guid? currentSession, string currentPassword, string newPassword, CancellationToken ct)
    {
        var user = await users.FindByIdAsync(memberId.ToString());
        if (user is null)
        {
            return new Refusal("member-not-found", "There is no such member.", null);
        }

        if (!await signIns.ConfirmPasswordAsync(user, currentPassword))
        {
            return new Refusal("wrong-password", "The current password is not right.", "currentPassword");
        }

        var changed = await users.ChangePasswordAsync(user, currentPassword, newPassword);
        if (!changed.Succeeded)
        {
            return new Refusal("invalid-password", string.Join(" ", changed.Errors.Select(e => e.Description)), "newPassword");
        }

        await sessions.RevokeOthersAsync(memberId, currentSession, ct);
        return null;
    }
}
