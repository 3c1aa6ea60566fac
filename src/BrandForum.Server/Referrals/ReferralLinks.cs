using System.Security.Cryptography;
using BrandForum.Domain.Referrals;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Referrals;

/// <summary>A referral code and whose it is; <see cref="Label"/> is null for the owner's personal code.</summary>
public sealed record ReferralCode(string Code, Guid MemberId, string? Label);

/// <summary>
/// Referral codes and links: who may hand them out, issuing the personal code (on first use) and campaign codes,
/// and counting visits of <c>/join/{code}</c>.
/// </summary>
public sealed class ReferralLinks(IEventStore events, SqlEventStore store, ReferralOptions options, IConfiguration configuration, TimeProvider time)
{
    /// <summary>
    /// Active ambassadors refer, and everyone when Forum:Referrals:OpenToAll is on. A paused ambassador keeps the
    /// role and sees their funnel, but gets no new links and no credit until resumed.
    /// </summary>
    public async Task<bool> MayReferAsync(Guid memberId, CancellationToken ct) =>
        options.OpenToAll || (await store.QueryAsync(
            "SELECT 1 FROM ambassadors WHERE member_id = @m AND status = @active",
            r => 1,
            ct,
            ("m", Sql.Id(store.Engine, memberId)),
            ("active", ProgrammeProjection.Status(AmbassadorStatus.Active)))).Count > 0;

    /// <summary>The member's personal code, issued the first time they ask for it.</summary>
    public async Task<(string? Code, Refusal? Refused)> PersonalCodeAsync(Guid memberId, CancellationToken ct)
    {
        if ((await CodesAsync(memberId, ct)).FirstOrDefault(c => c.Label is null) is { } issued)
        {
            return (issued.Code, null);
        }

        var refused = await DecideAsync(memberId, new IssueReferralCode(await FreshCodeAsync(ct), await MayReferAsync(memberId, ct), time.GetUtcNow()), ct);
        return refused is null ? ((await CodesAsync(memberId, ct)).Single(c => c.Label is null).Code, null) : (null, refused);
    }

    /// <summary>The campaign's code; <c>Created</c> is false when the member already had a campaign with this label.</summary>
    public async Task<(string? Code, bool Created, Refusal? Refused)> CampaignAsync(Guid memberId, string label, CancellationToken ct)
    {
        var before = (await CodesAsync(memberId, ct)).FirstOrDefault(c => c.Label == label);
        if (before is not null)
        {
            return (before.Code, false, null);
        }

        var refused = await DecideAsync(memberId, new CreateReferralCampaign(label, await FreshCodeAsync(ct), await MayReferAsync(memberId, ct), time.GetUtcNow()), ct);
        return refused is null ? ((await CodesAsync(memberId, ct)).Single(c => c.Label == label).Code, true, null) : (null, false, refused);
    }

    /// <summary>Every code of the member, the personal one first, then campaigns in the order they were made.</summary>
    public async Task<IReadOnlyList<ReferralCode>> CodesAsync(Guid memberId, CancellationToken ct) => await store.QueryAsync(
        "SELECT code, member_id, label FROM referral_codes WHERE member_id = @m ORDER BY CASE WHEN label IS NULL THEN 0 ELSE 1 END, created_at, code",
        r => new ReferralCode(r.GetString(0), r.GetGuid(1), Sql.ReadOptionalString(r, 2)),
        ct,
        ("m", Sql.Id(store.Engine, memberId)));

    public async Task<ReferralCode?> FindAsync(string code, CancellationToken ct) => (await store.QueryAsync(
        "SELECT code, member_id, label FROM referral_codes WHERE code = @code",
        r => new ReferralCode(r.GetString(0), r.GetGuid(1), Sql.ReadOptionalString(r, 2)),
        ct,
        ("code", code))).SingleOrDefault();

    /// <summary>
    /// One more visit of the code's link today. A counter rather than an event: visits come from anyone, signed in or
    /// not, so an event per visit would let anybody grow the append-only log at will, and nothing is ever decided
    /// on one visit; the funnel needs only how many, by code and day.
    /// </summary>
    public Task RecordVisitAsync(string code, CancellationToken ct) => store.ExecuteAsync(
        "INSERT INTO referral_visits (code, day, visits) VALUES (@code, @day, 1) ON CONFLICT (code, day) DO UPDATE SET visits = referral_visits.visits + 1",
        ct,
        ("code", code),
        ("day", Topics.Visits.Day(store.Engine, time.GetUtcNow())));

    /// <summary>The shareable link: on Forum:PublicUrl when set, else on the address the member is using.</summary>
    public string Link(HttpContext http, string code) =>
        $"{(configuration["Forum:PublicUrl"] is { Length: > 0 } site ? site.TrimEnd('/') : AuthEndpoints.BaseUrl(http))}/join/{code}";

    private async Task<Refusal?> DecideAsync(Guid memberId, ReferrerCommand command, CancellationToken ct)
    {
        var decided = await events.DecideAsync(
            ReferralsSetup.ReferrerStreamId(memberId), Referrer.DeciderFor(memberId), command, new EventMetadata(Actor: memberId.ToString()), ct: ct);
        return decided.Decision.Error is { } error ? new Refusal(error.Code, error.Message, error.Code == "invalid-label" ? "label" : null) : null;
    }

    /// <summary>40 random bits nobody holds yet (the table's primary key stops the rare race between two new codes).</summary>
    private async Task<string> FreshCodeAsync(CancellationToken ct)
    {
        while (true)
        {
            var code = ReferralCodes.Encode(RandomNumberGenerator.GetBytes(5));
            if (await FindAsync(code, ct) is null)
            {
                return code;
            }
        }
    }
}
