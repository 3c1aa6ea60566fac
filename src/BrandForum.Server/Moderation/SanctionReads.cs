using BrandForum.Domain.Moderation;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

public sealed record SanctionView(
    Guid SanctionId, Guid MemberId, string Kind, string Reason, DateTimeOffset At, DateTimeOffset? Until, DateTimeOffset? LiftedAt,
    Guid? AppealId, string? AppealText, bool? AppealLifted, string? AppealReason)
{
    public bool IsActiveAt(DateTimeOffset now) => LiftedAt is null && Kind != "warn" && (Until is null || Until > now);
}

/// <summary>Reads sanctions (kept by <see cref="SanctionsProjection"/>): a member's own, and whether one stops them now.</summary>
public sealed class SanctionReads(SqlEventStore store, TimeProvider time)
{
    private const string Select =
        "SELECT sanction_id, member_id, kind, reason, at, until, lifted_at, appeal_id, appeal_text, appeal_lifted, appeal_reason FROM sanctions ";

    public async Task<IReadOnlyList<SanctionView>> OfMemberAsync(Guid memberId, CancellationToken ct) =>
        await store.QueryAsync(Select + "WHERE member_id = @m ORDER BY at DESC", Read, ct, ("m", Sql.Id(store.Engine, memberId)));

    public async Task<SanctionView?> OfAppealAsync(Guid appealId, CancellationToken ct) =>
        (await store.QueryAsync(Select + "WHERE appeal_id = @a", Read, ct, ("a", Sql.Id(store.Engine, appealId)))).SingleOrDefault();

    /// <summary>The active sanction of one of these kinds that lasts longest (a ban before any suspension), if any.</summary>
    public async Task<SanctionView?> ActiveAsync(Guid memberId, IReadOnlyCollection<SanctionKind> kinds, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var names = kinds.Select(k => k.ToString().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        return (await OfMemberAsync(memberId, ct)).Where(s => names.Contains(s.Kind) && s.IsActiveAt(now)).OrderBy(s => s.Until ?? DateTimeOffset.MaxValue).LastOrDefault();
    }

    private static SanctionView Read(System.Data.Common.DbDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3), Sql.ReadTime(r, 4), Sql.ReadOptionalTime(r, 5), Sql.ReadOptionalTime(r, 6),
        r.IsDBNull(7) ? null : r.GetGuid(7), Sql.ReadOptionalString(r, 8), r.IsDBNull(9) ? null : r.GetBoolean(9), Sql.ReadOptionalString(r, 10));
}
