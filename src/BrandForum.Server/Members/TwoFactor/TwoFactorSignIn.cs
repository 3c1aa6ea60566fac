using System.Globalization;
using Microsoft.AspNetCore.Identity;
using QRCoder;

namespace BrandForum.Server.Members.TwoFactor;

/// <summary>What setting up an authenticator app needs: the key to type and the address a QR code carries.</summary>
public sealed record AuthenticatorSetup(string SharedKey, string AuthenticatorUri)
{
    /// <summary>The QR code as inline SVG (drawn on the server: no script, no third party).</summary>
    public string QrSvg()
    {
        using var data = QRCodeGenerator.GenerateQrCode(AuthenticatorUri, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(4);
    }
}

/// <summary>
/// Two-factor sign-in with an authenticator app (TOTP, Identity's provider) and recovery codes (hashed by
/// <see cref="ForumUserStore"/>, each usable once). Identity accepts a TOTP code for its whole validity
/// window; here a code that was used once is refused afterwards, so an observed code cannot be replayed.
/// </summary>
public sealed class TwoFactorSignIn(UserManager<ForumUser> users, TimeProvider time, IConfiguration configuration)
{
    public const int RecoveryCodeCount = 10;
    private const string Provider = "BrandForum";
    private const string UsedCodes = "UsedAuthenticatorCodes";
    private const int StepSeconds = 30;
    private const int RememberSteps = 10;

    public async Task<AuthenticatorSetup> SetupAsync(ForumUser user)
    {
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }

        var issuer = Uri.EscapeDataString(configuration["Forum:Name"] ?? "BrandForum");
        var account = Uri.EscapeDataString(user.UserName ?? user.Id.ToString());
        return new AuthenticatorSetup(key!, $"otpauth://totp/{issuer}:{account}?secret={key}&issuer={issuer}&digits=6");
    }

    /// <summary>Turns two-factor on once the member proves their app works; returns the recovery codes to show once.</summary>
    public async Task<IReadOnlyList<string>?> EnableAsync(ForumUser user, string code)
    {
        if (!await VerifyCodeOnceAsync(user, code))
        {
            return null;
        }

        await users.SetTwoFactorEnabledAsync(user, true);
        return [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];
    }

    public async Task DisableAsync(ForumUser user)
    {
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await users.RemoveAuthenticationTokenAsync(user, Provider, UsedCodes);
    }

    public async Task<IReadOnlyList<string>> NewRecoveryCodesAsync(ForumUser user) =>
        [.. (await users.GenerateNewTwoFactorRecoveryCodesAsync(user, RecoveryCodeCount))!];

    /// <summary>Checks the second factor: an authenticator code or a recovery code, each good once.</summary>
    public async Task<bool> VerifyAsync(ForumUser user, string? code, string? recoveryCode) =>
        code is { Length: > 0 } ? await VerifyCodeOnceAsync(user, code)
        : recoveryCode is { Length: > 0 } && (await users.RedeemTwoFactorRecoveryCodeAsync(user, recoveryCode.Trim())).Succeeded;

    private async Task<bool> VerifyCodeOnceAsync(ForumUser user, string code)
    {
        code = code.Replace(" ", "", StringComparison.Ordinal).Replace("-", "", StringComparison.Ordinal);
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            return false;
        }

        var step = time.GetUtcNow().ToUnixTimeSeconds() / StepSeconds;
        var hash = ForumUserStore.Hash(code);
        var recent = ((await users.GetAuthenticationTokenAsync(user, Provider, UsedCodes)) ?? "")
            .Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(entry => entry.Split(':'))
            .Where(parts => parts.Length == 2 && long.TryParse(parts[0], CultureInfo.InvariantCulture, out var used) && used > step - RememberSteps)
            .ToList();
        if (recent.Any(parts => parts[1] == hash))
        {
            return false;
        }

        recent.Add([step.ToString(CultureInfo.InvariantCulture), hash]);
        // Two requests racing with the same code: the second save fails its concurrency check, and so does the code.
        return (await users.SetAuthenticationTokenAsync(user, Provider, UsedCodes, string.Join(';', recent.Select(parts => string.Join(':', parts))))).Succeeded;
    }
}
