using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace BrandForum.Server.Members.TwoFactor;

/// <summary>
/// Identity's EF store, except that two-factor recovery codes are stored as SHA-256 hashes: Identity keeps
/// them in clear text, and a database leak must not hand out ways past the second factor. The codes are
/// random, so an unsalted fast hash is enough (there is no dictionary to try).
/// </summary>
public sealed class ForumUserStore(IdentityStore context, IdentityErrorDescriber? describer = null)
    : UserOnlyStore<ForumUser, IdentityStore, Guid>(context, describer)
{
    // Where Identity keeps recovery codes (its own constants, which it does not expose).
    private const string CodesProvider = "[AspNetUserStore]";
    private const string CodesName = "RecoveryCodes";

    public override Task ReplaceCodesAsync(ForumUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    /// <summary>
    /// Not the base method: it passes the remaining (already hashed) codes back through <see cref="ReplaceCodesAsync"/>,
    /// which would hash them again and leave only the first redemption working.
    /// </summary>
    public override async Task<bool> RedeemCodeAsync(ForumUser user, string code, CancellationToken cancellationToken = default)
    {
        var hash = Hash(code);
        var stored = ((await GetTokenAsync(user, CodesProvider, CodesName, cancellationToken)) ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries);
        if (!stored.Contains(hash, StringComparer.Ordinal))
        {
            return false;
        }

        await SetTokenAsync(user, CodesProvider, CodesName, string.Join(';', stored.Where(h => h != hash)), cancellationToken);
        return true;
    }

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())));
}
