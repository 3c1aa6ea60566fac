using BrandForum.EventStore;

namespace BrandForum.Server.Storage;

/// <summary>
/// A named lease in the database, so that of several nodes one does a job at a time: a row with its holder and
/// expiry, taken or renewed by one conditional UPDATE (the holder itself, or anyone once it expired), which both
/// engines run atomically. A lease only saves work: jobs behind it stay idempotent, because a node that stalls
/// past its expiry may still finish what it started while another one takes over.
/// </summary>
public sealed class Leases(SqlEventStore store, TimeProvider time)
{
    public static Migration Table { get; } = new(
        "storage/001-leases",
        "CREATE TABLE leases (name text PRIMARY KEY, holder text NOT NULL, expires_at timestamptz NOT NULL);",
        "CREATE TABLE leases (name TEXT PRIMARY KEY, holder TEXT NOT NULL, expires_at TEXT NOT NULL) WITHOUT ROWID;");

    /// <summary>Takes or renews <paramref name="name"/> for <paramref name="holder"/> until now + <paramref name="duration"/>; true when held.</summary>
    public async Task<bool> TryAcquireAsync(string name, string holder, TimeSpan duration, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var (engine, until) = (store.Engine, now + duration);
        await store.ExecuteAsync(
            "INSERT INTO leases (name, holder, expires_at) VALUES (@name, @holder, @until) ON CONFLICT (name) DO NOTHING",
            ct,
            ("name", name), ("holder", holder), ("until", Sql.Time(engine, now)));
        var taken = await store.ExecuteAsync(
            "UPDATE leases SET holder = @holder, expires_at = @until WHERE name = @name AND (holder = @holder OR expires_at <= @now)",
            ct,
            ("holder", holder), ("until", Sql.Time(engine, until)), ("name", name), ("now", Sql.Time(engine, now)));
        return taken == 1;
    }

    /// <summary>Gives the lease up (a node shutting down), so another takes over without waiting for the expiry.</summary>
    public Task ReleaseAsync(string name, string holder, CancellationToken ct) => store.ExecuteAsync(
        "UPDATE leases SET expires_at = @past WHERE name = @name AND holder = @holder",
        ct,
        ("past", Sql.Time(store.Engine, DateTimeOffset.UnixEpoch)), ("name", name), ("holder", holder));

    /// <summary>Who holds the lease now, if anyone.</summary>
    public async Task<string?> HolderAsync(string name, CancellationToken ct) => (await store.QueryAsync(
        "SELECT holder FROM leases WHERE name = @name AND expires_at > @now",
        r => r.GetString(0),
        ct,
        ("name", name), ("now", Sql.Time(store.Engine, time.GetUtcNow())))).FirstOrDefault();
}
