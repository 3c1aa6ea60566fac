using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Members;

/// <summary>
/// OWASP ASVS 2.1: 10 to 128 characters, no composition rules, not one of the 10,000 most common passwords
/// (OWASP SecLists, shipped in Passwords/), and not the member's own user name or email.
/// Identity's own checks keep only the minimum length (set to 10 in <see cref="MembersSetup"/>).
/// </summary>
public sealed class PasswordPolicy : IPasswordValidator<ForumUser>
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    private static readonly FrozenSet<string> Common = LoadCommon();

    public Task<IdentityResult> ValidateAsync(UserManager<ForumUser> manager, ForumUser user, string? password)
    {
        password ??= "";
        var errors = new List<IdentityError>();
        if (password.Length > MaxLength)
        {
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"A password is at most {MaxLength} characters." });
        }

        if (Common.Contains(password.ToLowerInvariant()))
        {
            errors.Add(new IdentityError { Code = "PasswordTooCommon", Description = "This password is one of the most common ones; choose another." });
        }

        if (IsOwnName(password, user))
        {
            errors.Add(new IdentityError { Code = "PasswordIsIdentity", Description = "A password cannot be your user name or email." });
        }

        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }

    private static bool IsOwnName(string password, ForumUser user)
    {
        var localPart = user.Email?.Split('@')[0];
        return new[] { user.UserName, user.Email, localPart }
            .Any(name => !string.IsNullOrEmpty(name) && string.Equals(name, password, StringComparison.OrdinalIgnoreCase));
    }

    private static FrozenSet<string> LoadCommon()
    {
        using var stream = typeof(PasswordPolicy).Assembly.GetManifestResourceStream("BrandForum.Server.Members.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                passwords.Add(line.ToLowerInvariant());
            }
        }

        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
