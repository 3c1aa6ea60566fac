using BrandForum.Domain.Referrals;
using BrandForum.EventStore;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Identity;

namespace BrandForum.Server.Referrals;

/// <summary>The code a registration came with and the member it credits, if any.</summary>
public sealed record Referral(string? Code, Guid? ReferredBy);

/// <summary>
/// Decides, at registration, whom a newcomer's code credits: gathers what the guards need (the code's owner, their
/// email domain, where they last signed in and registered, the devices they used, the code's referrals today) and asks
/// <see cref="ReferralAttribution"/>. The code comes from the request body, else from the cookie <c>/join</c> set.
/// </summary>
public sealed class ReferralAttributions(
    IHttpContextAccessor http, UserManager<ForumUser> users, ReferralLinks links, SqlEventStore store, Devices devices, ReferralOptions options, ILogger<ReferralAttributions> logger)
{
    public const string Cookie = "bf_referral";

    public async Task<Referral> AttributeAsync(Guid newcomerId, string email, string? typedCode, DateTimeOffset at, CancellationToken ct)
    {
        var given = typedCode ?? http.HttpContext?.Request.Cookies[Cookie];
        if (string.IsNullOrWhiteSpace(given))
        {
            return new Referral(null, null);
        }

        var code = ReferralCodes.Normalize(given);
        var owner = code is null ? null : await OwnerAsync(code, at, ct);
        var attribution = ReferralAttribution.Attribute(
            new ReferralClaim(newcomerId, ReferralAttribution.EmailDomain(email), ClientAddress.Of(http.HttpContext), at, owner, Devices.Of(http.HttpContext)), options.DailyCap);
        if (attribution.Refusal is { } why)
        {
            logger.LogInformation("Referral code {Code} credits nobody for member {MemberId}: {Reason}.", code ?? "(malformed)", newcomerId, why);
        }

        return new Referral(code ?? given.Trim(), attribution.ReferredBy);
    }

    /// <summary>After a registration: keep the address and device it came from (for the guard against later self-referrals) and forget the link's cookie.</summary>
    public async Task RegisteredAsync(Guid memberId, DateTimeOffset at, CancellationToken ct)
    {
        if (http.HttpContext is not { } context)
        {
            return;
        }

        context.Response.Cookies.Delete(Cookie);
        await devices.SeenAsync(memberId, ct);
        if (ClientAddress.Of(context) is { } address)
        {
            await store.ExecuteAsync(
                "INSERT INTO registration_addresses (member_id, address, at) VALUES (@m, @a, @at)",
                ct,
                ("m", Sql.Id(store.Engine, memberId)), ("a", address), ("at", Sql.Time(store.Engine, at)));
        }
    }

    private async Task<CodeOwner?> OwnerAsync(string code, DateTimeOffset at, CancellationToken ct)
    {
        if (await links.FindAsync(code, ct) is not { } found)
        {
            return null;
        }

        var owner = Sql.Id(store.Engine, found.MemberId);
        var sightings = await store.QueryAsync(
            "SELECT address, at FROM registration_addresses WHERE member_id = @m " +
            "UNION ALL SELECT address, at FROM (SELECT address, created_at AS at FROM member_sessions WHERE member_id = @m AND address IS NOT NULL ORDER BY created_at DESC LIMIT 1) last_sign_in",
            r => new Sighting(r.GetString(0), Sql.ReadTime(r, 1)),
            ct,
            ("m", owner));
        var today = await store.QueryAsync(
            "SELECT count(*) FROM referrals WHERE code = @code AND registered_at >= @midnight",
            r => Convert.ToInt32(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture),
            ct,
            ("code", code),
            ("midnight", Sql.Time(store.Engine, new DateTimeOffset(at.UtcDateTime.Date, TimeSpan.Zero))));
        var email = (await users.FindByIdAsync(found.MemberId.ToString()))?.Email;
        return new CodeOwner(
            found.MemberId, await links.MayReferAsync(found.MemberId, ct), email is null ? null : ReferralAttribution.EmailDomain(email), sightings, today[0],
            await devices.OfMemberAsync(found.MemberId, ct));
    }
}
