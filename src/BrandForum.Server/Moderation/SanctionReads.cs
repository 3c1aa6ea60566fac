using BrandForum.Domain.Moderation;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

public sealed record SanctionView(
    Guid SanctionId, Guid MemberId, string Kind, string Reason, DateTimeOffset At, DateTimeOffset? Until, DateTimeOffset? LiftedAt,
    Guid? AppealId, string? AppealText, bool? AppealLifted, string? AppealReason)
{
    public bool IsActiveAt(DateTimeOffset now) => LiftedAt is null && Kind != "warn" && (Until is null || Until > now);
}

/// <summary>An appeal waiting for a moderator's decision, with the sanction it contests and who filed it.</summary>
public sealed record OpenAppeal(
    Guid AppealId, AuthorRef Member, string Kind, string Reason, DateTimeOffset? Until, DateTimeOffset? LiftedAt, string Text, DateTimeOffset AppealedAt);

/// <summary>Reads sanctions (kept by <see cref="SanctionsProjection"/>): a member's own, and whether one stops them now.</summary>
public sealed class SanctionReads(SqlEventStore store, TimeProvider time)
{
    /// <summary>Appeals shown at once: deciding one brings the next in, so a page never needs more.</summary>
    public const int OpenAppealsShown = 100;

    private const string Select =
        "SELECT sanction_id, member_id, kind, reason, at, until, lifted_at, appeal_id, appeal_text, appeal_lifted, appeal_reason FROM sanctions ";

    public async Task<IReadOnlyList<SanctionView>> OfMemberAsync(Guid memberId, CancellationToken ct) =>
        await store.QueryAsync(Select + "WHERE member_id = @m ORDER BY at DESC", Read, ct, ("m", Sql.Id(store.Engine, memberId)));

    public async Task<SanctionView?> OfAppealAsync(Guid appealId, CancellationToken ct) =>
        (await store.QueryAsync(Select + "WHERE appeal_id = @a", Read, ct, ("a", Sql.Id(store.Engine, appealId)))).SingleOrDefault();

    /// <summary>Appeals not decided yet, oldest first (the longest wait is answered first), at most <see cref="OpenAppealsShown"/>.</summary>
    public async Task<IReadOnlyList<OpenAppeal>> OpenAppealsAsync(CancellationToken ct) =>
        await store.QueryAsync(
            "SELECT s.appeal_id, s.member_id, m.user_name, s.kind, s.reason, s.until, s.lifted_at, s.appeal_text, s.appealed_at " +
            "FROM sanctions s LEFT JOIN member_cards m ON m.member_id = s.member_id " +
            "WHERE s.appeal_id IS NOT NULL AND s.appeal_decided_at IS NULL ORDER BY s.appealed_at LIMIT @limit",
            r => new OpenAppeal(
                r.GetGuid(0), new AuthorRef(r.GetGuid(1), Sql.ReadOptionalString(r, 2)), r.GetString(3), r.GetString(4), Sql.ReadOptionalTime(r, 5),
                Sql.ReadOptionalTime(r, 6), r.GetString(7), Sql.ReadTime(r, 8)),
            ct,
            ("limit", OpenAppealsShown));

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
