using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Crisis;

/// <summary>One line of a crisis's timeline: started, changed, held (a post), ended; <see cref="By"/> is null for the server's own acts.</summary>
public sealed record CrisisMoment(
    string Scope, string Kind, DateTimeOffset At, string? By, int? SlowModeSeconds, int? HoldBelowTrustLevel, string? Statement, DateTimeOffset? Until, Guid? TopicId);

/// <summary>One crisis from its start to its end (null while it goes on), with its changes and how many posts it held.</summary>
public sealed record CrisisPeriod(string Scope, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, IReadOnlyList<CrisisMoment> Moments)
{
    public int HeldPosts => Moments.Count(m => m.Kind == "held");
}

/// <summary>Reads of the crisis timeline (kept by <see cref="CrisisProjection"/>).</summary>
public sealed class CrisisReads(SqlEventStore store)
{
    /// <summary>Every crisis, newest first, each with its moments in order.</summary>
    public async Task<IReadOnlyList<CrisisPeriod>> TimelineAsync(CancellationToken ct)
    {
        var moments = await store.QueryAsync(
            "SELECT t.scope, t.kind, t.at, c.user_name, t.slow_mode_seconds, t.hold_below_trust_level, t.statement, t.until, t.topic_id " +
            "FROM crisis_timeline t LEFT JOIN member_cards c ON c.member_id = t.by_id ORDER BY t.at, CASE t.kind WHEN 'ended' THEN 0 WHEN 'started' THEN 1 ELSE 2 END",
            r => new CrisisMoment(
                r.GetString(0), r.GetString(1), Sql.ReadTime(r, 2), Sql.ReadOptionalString(r, 3), r.IsDBNull(4) ? null : r.GetInt32(4), r.IsDBNull(5) ? null : r.GetInt32(5),
                Sql.ReadOptionalString(r, 6), Sql.ReadOptionalTime(r, 7), r.IsDBNull(8) ? null : r.GetGuid(8)),
            ct);
        var periods = new List<CrisisPeriod>();
        foreach (var scope in moments.GroupBy(m => m.Scope))
        {
            List<CrisisMoment>? current = null;
            foreach (var moment in scope)
            {
                if (moment.Kind == "started" || current is null)
                {
                    current = [];
                    periods.Add(new CrisisPeriod(scope.Key, moment.At, null, current));
                }

                current.Add(moment);
                if (moment.Kind == "ended")
                {
                    periods[^1] = periods[^1] with { EndedAt = moment.At };
                    current = null;
                }
            }
        }

        return [.. periods.OrderByDescending(p => p.StartedAt)];
    }
}
