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
    public override Task ReplaceCodesAsync(ForumUser user, IEnumerable<string> recoveryCodes, CancellationToken cancellationToken = default) =>
        base.ReplaceCodesAsync(user, recoveryCodes.Select(Hash), cancellationToken);

    public override Task<bool> RedeemCodeAsync(ForumUser user, string code, CancellationToken cancellationToken = default) =>
        base.RedeemCodeAsync(user, Hash(code), cancellationToken);

    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(code.Trim().Replace("-", "", StringComparison.Ordinal).ToUpperInvariant())));
}
