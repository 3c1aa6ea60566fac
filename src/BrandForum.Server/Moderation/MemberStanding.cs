using System.Globalization;
using BrandForum.Domain.Moderation;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

/// <summary>
/// A member's trust level, computed when asked from what the read models already hold: topics entered and posts
/// read (read markers), days visited, replies, reactions given and received, flags upheld against their posts and
/// recent sanctions. Nothing is stored twice. Writing paths (rules, flag weights) read it through a one-minute
/// cache: it moves slowly, and computing it reads several tables.
/// </summary>
public sealed class MemberStanding(SqlEventStore store, TimeProvider time)
{
    private static readonly TimeSpan RecentFor = TimeSpan.FromMinutes(1);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, (int Level, DateTimeOffset Until)> _recent = new();

    public static readonly Migration Indexes = new(
        "moderation/001-standing-indexes",
        "CREATE INDEX post_reactions_member ON post_reactions (member_id);",
        "CREATE INDEX post_reactions_member ON post_reactions (member_id);");

    public async Task<MemberActivity> ActivityAsync(Guid memberId, CancellationToken ct)
    {
        var m = Sql.Id(store.Engine, memberId);
        var since = Visits.Day(store.Engine, time.GetUtcNow().AddDays(-100));
        return (await store.QueryAsync(
            "SELECT (SELECT count(*) FROM topic_reads WHERE member_id = @m), (SELECT coalesce(sum(last_read), 0) FROM topic_reads WHERE member_id = @m), " +
            "(SELECT count(*) FROM member_visit_days WHERE member_id = @m), (SELECT count(*) FROM member_visit_days WHERE member_id = @m AND day >= @since), " +
            "(SELECT count(DISTINCT topic_id) FROM posts WHERE author_id = @m AND number > 1 AND NOT deleted), " +
            "(SELECT count(*) FROM post_reactions WHERE member_id = @m), " +
            "(SELECT count(*) FROM post_reactions r JOIN posts p ON p.post_id = r.post_id WHERE p.author_id = @m AND r.member_id <> @m), " +
            "(SELECT count(*) FROM review_reasons f JOIN posts p ON p.post_id = f.post_id WHERE p.author_id = @m AND f.kind = 'flag' AND f.upheld = @yes), " +
            "(SELECT count(*) FROM sanctions WHERE member_id = @m AND kind <> 'warn' AND at >= @since100)",
            r => new MemberActivity(Int(r, 0), Int(r, 1), Int(r, 2), Int(r, 3), Int(r, 4), Int(r, 5), Int(r, 6), UpheldFlagsAgainst: Int(r, 7), SanctionedLast100Days: Int(r, 8) > 0),
            ct,
            ("m", m), ("since", since), ("yes", true), ("since100", Sql.Time(store.Engine, time.GetUtcNow().AddDays(-100))))).Single();
    }

    /// <summary>The trust level as computed at most a minute ago.</summary>
    public async Task<int> RecentTrustLevelAsync(Guid memberId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_recent.TryGetValue(memberId, out var known) && known.Until > now)
        {
            return known.Level;
        }

        var level = await TrustLevelAsync(memberId, ct);
        _recent[memberId] = (level, now + RecentFor);
        return level;
    }

    public static string GrantStreamId(Guid memberId) => $"trust-{memberId}";

    /// <summary>The level set by hand, if any (the latest grant; null when given back to the computation).</summary>
    public async Task<int?> GrantedLevelAsync(Guid memberId, CancellationToken ct) =>
        (await store.ReadStreamAsync(GrantStreamId(memberId), 0, ct)).Select(e => e.Data).OfType<TrustLevelGranted>().LastOrDefault()?.Level;

    public async Task<int> TrustLevelAsync(Guid memberId, CancellationToken ct)
    {
        var members = (await store.QueryAsync("SELECT count(*) FROM member_cards", r => Int(r, 0), ct)).Single();
        return TrustLevels.Compute(await ActivityAsync(memberId, ct), members, await GrantedLevelAsync(memberId, ct));
    }

    /// <summary>Sets the level by hand (0–4) or gives it back to the computation (null); the one-minute cache forgets the member.</summary>
    public async Task GrantAsync(Guid memberId, int? level, Guid by, CancellationToken ct)
    {
        await store.AppendAsync(
            GrantStreamId(memberId), ExpectedVersion.Any, [new TrustLevelGranted(memberId, level, by, time.GetUtcNow())], new EventMetadata(Actor: by.ToString()), ct);
        _recent.TryRemove(memberId, out _);
    }

    private static int Int(System.Data.Common.DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);
}
