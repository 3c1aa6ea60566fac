using BrandForum.Domain;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandForum.Server.Members;

public sealed record Registered(Guid MemberId, string UserName);

/// <summary>
/// Why a request was refused: a stable code, a message, the input at fault when there is one, and when to try
/// again for a refusal that only needs time.
/// </summary>
public sealed record Refusal(string Code, string Message, string? Field, TimeSpan? RetryAfter = null);

/// <summary>
/// Registers a member: the credentials go to Identity's store, the member (user name, join date, referral
/// code and the referrer it credits — never the email) to a new member stream. The two stores are separate, so
/// if the event cannot be appended the Identity user is removed again.
/// </summary>
public sealed class MemberRegistration(UserManager<ForumUser> users, IEventStore store, Referrals.ReferralAttributions referrals, TimeProvider time)
{
    private const int MaxEmailLength = 254;
    private const int MaxReferralCodeLength = 64;

    /// <summary>The input rules, for the API and the page alike; empty when the input is fine (Identity checks the rest).</summary>
    public static Dictionary<string, string[]> Validate(string? userName, string? email, string? password, string? referralCode)
    {
        var errors = new Dictionary<string, string[]>();
        if (userName is null || !UserNames.IsValid(userName))
        {
            errors["userName"] = [UserNames.Rule];
        }

        if (email is null || email.Length > MaxEmailLength || !System.Net.Mail.MailAddress.TryCreate(email, out var address) || address.Address != email.Trim())
        {
            errors["email"] = ["A valid email address of at most 254 characters is required."];
        }

        if (string.IsNullOrEmpty(password))
        {
            errors["password"] = [$"A password of {PasswordPolicy.MinLength} to {PasswordPolicy.MaxLength} characters is required."];
        }

        if (referralCode is { } code && (code.Length > MaxReferralCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_')))
        {
            errors["referralCode"] = ["A referral code is at most 64 letters, digits, '-' or '_'."];
        }

        return errors;
    }

    public async Task<(Registered? Member, Refusal? Refused)> RegisterAsync(
        string userName, string email, string password, string? referralCode, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var user = new ForumUser { Id = Guid.CreateVersion7(now), UserName = userName, Email = email.Trim() };
        IdentityResult created;
        try
        {
            created = await users.CreateAsync(user, password);
        }
        catch (DbUpdateException)
        {
            // Two registrations raced past Identity's checks; the unique indexes let one through.
            return (null, new Refusal("account-exists", "This user name or email is already registered.", null));
        }

        if (!created.Succeeded)
        {
            return (null, Refusal(created.Errors));
        }

        try
        {
            var referral = await referrals.AttributeAsync(user.Id, user.Email, referralCode, now, ct);
            var decided = await store.DecideAsync(
                MembersSetup.StreamId(user.Id),
                Member.Decider,
                new RegisterMember(user.Id, userName, now, referral.Code, referral.ReferredBy),
                new EventMetadata(Actor: user.Id.ToString()),
                ct: ct);
            if (decided.Decision.Error is { } error)
            {
                await users.DeleteAsync(user);
                return (null, new Refusal(error.Code, error.Message, null));
            }
        }
        catch
        {
            await users.DeleteAsync(user);
            throw;
        }

        await referrals.RegisteredAsync(user.Id, now, ct);
        return (new Registered(user.Id, userName), null);
    }

    private static Refusal Refusal(IEnumerable<IdentityError> errors)
    {
        var all = errors.ToList();
        var first = all[0];
        return first.Code switch
        {
            nameof(IdentityErrorDescriber.DuplicateUserName) => new("user-name-exists", "This user name is taken.", null),
            nameof(IdentityErrorDescriber.DuplicateEmail) => new("email-exists", "An account with this email already exists.", null),
            nameof(IdentityErrorDescriber.InvalidUserName) => new("invalid-user-name", UserNames.Rule, "userName"),
            nameof(IdentityErrorDescriber.InvalidEmail) => new("invalid-email", first.Description, "email"),
            _ => new("invalid-password", string.Join(" ", all.Select(e => e.Description)), "password"),
        };
    }
}
