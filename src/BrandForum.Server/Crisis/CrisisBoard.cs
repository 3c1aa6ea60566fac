using BrandForum.Domain.Crisis;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Crisis;

public sealed record CrisisInForce(string Scope, CrisisTerms Terms, DateTimeOffset StartedAt);

/// <summary>
/// The crises declared and not recorded as ended, kept in memory because every post and every page asks: read
/// once, read again after a crisis event (this node's own at once, others' through the log tail). Whether one is
/// in force is decided with the clock at each question, so a crisis stops at its end time on every node without
/// waiting for anyone to record it.
/// </summary>
public sealed class CrisisBoard(SqlEventStore store, TimeProvider time) : ILogFollower
{
    private volatile IReadOnlyList<CrisisInForce>? _declared;
    private long _generation;

    /// <summary>The crises in force now over <paramref name="category"/> (the site's and the category's), or over the site only.</summary>
    public async ValueTask<IReadOnlyList<CrisisInForce>> InForceAsync(string? category, CancellationToken ct)
    {
        var declared = _declared ?? await LoadAsync(ct);
        var now = time.GetUtcNow();
        return [.. declared.Where(c => c.Terms.Until > now && (c.Scope == CrisisMode.Site || c.Scope == category))];
    }

    /// <summary>Every crisis in force now, whatever its scope.</summary>
    public async ValueTask<IReadOnlyList<CrisisInForce>> AllInForceAsync(CancellationToken ct)
    {
        var declared = _declared ?? await LoadAsync(ct);
        var now = time.GetUtcNow();
        return [.. declared.Where(c => c.Terms.Until > now)];
    }

    /// <summary>
    /// Changes whenever what pages show of crises may change (a crisis event, or one running out), so cached
    /// anonymous pages are keyed by it; cheap, with no read.
    /// </summary>
    public string Stamp()
    {
        var now = time.GetUtcNow();
        return _declared is { } declared ? $"{Interlocked.Read(ref _generation)}:{declared.Count(c => c.Terms.Until > now)}" : "unknown";
    }

    /// <summary>Forgets what it knew: the next question reads the database.</summary>
    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _declared = null;
    }

    void ILogFollower.OnStart() => Invalidate();

    Task ILogFollower.OnEventAsync(RecordedEvent e, CancellationToken ct)
    {
        if (e.StreamType == "crisis")
        {
            Invalidate();
        }

        return Task.CompletedTask;
    }

    private async Task<IReadOnlyList<CrisisInForce>> LoadAsync(CancellationToken ct)
    {
        var generation = Interlocked.Read(ref _generation);
        var declared = await store.QueryAsync(
            "SELECT scope, slow_mode_seconds, hold_below_trust_level, statement, until, started_at FROM crises ORDER BY scope",
            r => new CrisisInForce(r.GetString(0), new CrisisTerms(r.GetInt32(1), r.GetInt32(2), r.GetString(3), Sql.ReadTime(r, 4)), Sql.ReadTime(r, 5)),
            ct);

        // Kept only if nothing changed while reading; otherwise the next question reads again.
        if (Interlocked.Read(ref _generation) == generation)
        {
            _declared = declared;
        }

        return declared;
    }
}
