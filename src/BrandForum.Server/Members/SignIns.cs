using System.Security.Claims;
using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Members;

/// <summary>
/// Checks a login (email or user name) and password for the API and the web pages alike: lockout after
/// five failures, and the same answer in the same time whether the account exists or not. A success
/// starts a server-side session whose id rides in the principal.
/// </summary>
public sealed class SignIns(UserManager<ForumUser> users, SignInManager<ForumUser> signIn, Sessions sessions, DummyPassword dummy)
{
    public async Task<ClaimsPrincipal?> CheckAsync(string login, string password, string? device, CancellationToken ct)
    {
        login = login.Trim();
        var user = login.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(login) : await users.FindByNameAsync(login);
        if (user is null)
        {
            // Take as long as a real check, so the answer does not tell which accounts exist.
            dummy.Verify(password);
            return null;
        }

        var result = await signIn.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);
        if (!result.Succeeded)
        {
            if (result.IsLockedOut)
            {
                dummy.Verify(password);
            }

            return null;
        }

        return await PrincipalAsync(user, await sessions.StartAsync(user.Id, device, ct));
    }

    public async Task<ClaimsPrincipal> PrincipalAsync(ForumUser user, Guid sessionId)
    {
        var principal = await signIn.CreateUserPrincipalAsync(user);
        ((ClaimsIdentity)principal.Identity!).AddClaim(new Claim(Sessions.ClaimType, sessionId.ToString()));
        return principal;
    }
}
