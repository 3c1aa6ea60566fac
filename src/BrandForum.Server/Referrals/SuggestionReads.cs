using System.Globalization;
using BrandForum.Domain.Referrals;
using BrandForum.EventStore;
using BrandForum.Server.Moderation;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Referrals;

/// <summary>
/// Gathers what <see cref="AmbassadorSuggestions"/> weighs, for members who have something to weigh (reactions
/// received or an activated referral): one query for the counts, then the trust level of the best few only (it is
/// worked out per member), so the page stays cheap however many members there are.
/// </summary>
public sealed class SuggestionReads(SqlEventStore store, MemberStanding standing, TimeProvider time)
{
    public const int Limit = 20;

    private const string Counts =
        "SELECT c.member_id, c.user_name, " +
        "(SELECT COUNT(DISTINCT p.post_id) FROM posts p JOIN post_reactions x ON x.post_id = p.post_id " +
        " WHERE p.author_id = c.member_id AND p.number > 1 AND NOT p.deleted AND NOT p.hidden AND x.member_id <> p.author_id), " +
        "COALESCE((SELECT a.reactions FROM badge_totals a WHERE a.member_id = c.member_id), 0), " +
        "(SELECT COUNT(*) FROM referrals r WHERE r.referrer_id = c.member_id AND r.activated_at IS NOT NULL AND r.struck_at IS NULL), " +
        "EXISTS (SELECT 1 FROM sanctions s WHERE s.member_id = c.member_id AND s.at >= @since), " +
        "EXISTS (SELECT 1 FROM ambassadors m WHERE m.member_id = c.member_id AND m.status <> 'retired') " +
        "FROM member_cards c WHERE c.member_id IN (" +
        " SELECT member_id FROM badge_totals WHERE reactions > 0 " +
        " UNION SELECT referrer_id FROM referrals WHERE activated_at IS NOT NULL AND struck_at IS NULL) " +
        "AND NOT EXISTS (SELECT 1 FROM member_roles o WHERE o.member_id = c.member_id AND o.role IN ('Moderator', 'Admin'))";

    public async Task<IReadOnlyList<AmbassadorSuggestion>> SuggestAsync(CancellationToken ct)
    {
        var since = time.GetUtcNow().AddDays(-AmbassadorSuggestions.SanctionFreeDays);
        var counted = await store.QueryAsync(
            Counts,
            r => new SuggestionCandidate(
                r.GetGuid(0), r.GetString(1), Int(r, 2), Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture), Int(r, 4), TrustLevel: 0, Flag(r.GetValue(5)), Flag(r.GetValue(6))),
            ct,
            ("since", Sql.Time(store.Engine, since)));
        var best = counted.Where(c => !c.RecentlySanctioned && !c.IsAmbassador).OrderByDescending(AmbassadorSuggestions.Score).Take(Limit * 3).ToList();
        var trusted = new List<SuggestionCandidate>(best.Count);
        foreach (var candidate in best)
        {
            trusted.Add(candidate with { TrustLevel = await standing.TrustLevelAsync(candidate.MemberId, ct) });
        }

        return AmbassadorSuggestions.Rank(trusted, Limit);
    }

    private static int Int(System.Data.Common.DbDataReader r, int ordinal) => Convert.ToInt32(r.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static bool Flag(object value) => value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;
}
