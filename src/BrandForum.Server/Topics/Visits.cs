using System.Collections.Concurrent;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// When each member was last here, for "new since your last visit": a visit ends after an hour without a
/// request, and the one before the current visit is what lists compare against. Activity is written at most
/// every few minutes per member per node, so reading pages does not turn into a write per request.
/// </summary>
public sealed class Visits(SqlEventStore store, TimeProvider time)
{
    public static readonly TimeSpan VisitGap = TimeSpan.FromHours(1);
    private static readonly TimeSpan Resolution = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _written = new();

    public static readonly Migration Table = new(
        "topics/003-visits",
        "CREATE TABLE member_visits (member_id uuid PRIMARY KEY, previous_at timestamptz, current_at timestamptz NOT NULL);",
        "CREATE TABLE member_visits (member_id TEXT PRIMARY KEY, previous_at TEXT, current_at TEXT NOT NULL) WITHOUT ROWID;");

    /// <summary>Each day a member came (UTC), for trust levels: days visited, in all and lately.</summary>
    public static readonly Migration Days = new(
        "topics/005-visit-days",
        "CREATE TABLE member_visit_days (member_id uuid NOT NULL, day date NOT NULL, PRIMARY KEY (member_id, day));",
        "CREATE TABLE member_visit_days (member_id TEXT NOT NULL, day TEXT NOT NULL, PRIMARY KEY (member_id, day)) WITHOUT ROWID;");

    public async Task RecordAsync(Guid memberId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (_written.TryGetValue(memberId, out var last) && now - last < Resolution)
        {
            return;
        }

        _written[memberId] = now;
        await store.ExecuteAsync(
            "INSERT INTO member_visits (member_id, previous_at, current_at) VALUES (@m, NULL, @now) ON CONFLICT (member_id) DO UPDATE SET " +
            "previous_at = CASE WHEN member_visits.current_at < @gap THEN member_visits.current_at ELSE member_visits.previous_at END, current_at = @now",
            ct,
            ("m", Sql.Id(store.Engine, memberId)), ("now", Sql.Time(store.Engine, now)), ("gap", Sql.Time(store.Engine, now - VisitGap)));
        var firstToday = await store.ExecuteAsync(
            "INSERT INTO member_visit_days (member_id, day) VALUES (@m, @day) ON CONFLICT DO NOTHING",
            ct,
            ("m", Sql.Id(store.Engine, memberId)), ("day", Day(store.Engine, now))) == 1;
        if (firstToday)
        {
            // The table answers "did they come today?" for every node at once; the event is what projections count.
            await store.AppendAsync(
                StreamId(memberId), ExpectedVersion.Any, [new MemberVisited(memberId, DateOnly.FromDateTime(now.UtcDateTime), now)],
                new EventMetadata(Actor: memberId.ToString()), ct);
        }
    }

    public static string StreamId(Guid memberId) => $"visits-{memberId}";

    /// <summary>A UTC day as each engine stores it: a date, or ISO text that sorts like one.</summary>
    public static object Day(StorageEngine engine, DateTimeOffset at) =>
        engine == StorageEngine.Postgres ? DateOnly.FromDateTime(at.UtcDateTime) : at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The end of the member's previous visit; null on their first.</summary>
    public async Task<DateTimeOffset?> PreviousVisitAsync(Guid memberId, CancellationToken ct) =>
        (await store.QueryAsync("SELECT previous_at FROM member_visits WHERE member_id = @m", r => Sql.ReadOptionalTime(r, 0), ct, ("m", Sql.Id(store.Engine, memberId))))
            .SingleOrDefault();
}
