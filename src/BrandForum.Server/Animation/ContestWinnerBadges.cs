using BrandForum.Domain.Badges;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Badges;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Animation;

/// <summary>
/// Grants the Contest Winner badge for every <see cref="ContestWinnersPicked"/> in the log, behind its own checkpoint
/// (the <c>contest-winner-badges</c> row of <c>es_checkpoints</c>, so <c>/health</c> shows its lag). Granting in the
/// request, after the topic's append, lost the badge when the server stopped in between; here the winners event is
/// the only thing the request writes and this follower catches up with it, on any node, after any restart.
///
/// Why a follower appending a real <see cref="BadgeGranted"/> rather than the badges projection awarding it from the
/// winners event: the grant stays a manual grant on the member's <c>badges-</c> stream, so the audit trail shows it
/// and staff can revoke it (the revoke decider only knows grants of that stream) — and a revoked win stays revoked.
///
/// Exactly once: the checkpoint moves after the grants, so a crash replays a few events, and each grant is appended
/// only if the member's stream holds no grant of this badge with this contest's reason, at the version that was read
/// (two nodes racing conflict; the loser re-reads and finds the grant). The reason text is the one the request used
/// to write, so wins granted before this follower existed are recognised too. The badge projection then awards it
/// and <see cref="BadgeNotifier"/> announces it once; the <c>contest-won</c> item comes from the winners event itself.
///
/// Contests are rare and replaying is harmless, so the checkpoint is written only after a grant, every
/// <see cref="SaveEvery"/> events or <see cref="SaveAfter"/>: not one more write (SQLite has one writer) per append.
/// </summary>
public sealed class ContestWinnerBadges(SqlEventStore store, TimeProvider time, ILogger<ContestWinnerBadges> logger) : BackgroundService
{
    public const string CheckpointName = "contest-winner-badges";

    private const int PageSize = 1000;

    private const long SaveEvery = 10_000;

    private static readonly TimeSpan SaveAfter = TimeSpan.FromSeconds(5);

    /// <summary>How far this node has read, and the last position it saved (when).</summary>
    private long _position, _saved;

    private DateTimeOffset _savedAt;

    private bool _checkpointExists;

    private static readonly string WinnersType = AnimationSetup.TopicEventNames[typeof(ContestWinnersPicked)];

    public static string ReasonFor(Guid topicId, Guid postId) => $"Won the contest of topic {topicId} (post {postId}).";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wake = store.Signal.Next;
            try
            {
                await CatchUpAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Granting contest winners' badges failed; trying again shortly.");
            }

            await ProjectionRunner.WaitForAppendsAsync(wake, stoppingToken);
        }
    }

    /// <summary>Grants what the log's winners events since the checkpoint call for; returns the grants appended.</summary>
    public async Task<int> CatchUpAsync(CancellationToken ct)
    {
        if (!_checkpointExists)
        {
            // Once: a write transaction (a flush) on every wake-up would cost each append of a busy forum one more.
            await store.ExecuteAsync("INSERT INTO es_checkpoints (name, position) VALUES (@n, 0) ON CONFLICT (name) DO NOTHING", ct, ("n", CheckpointName));
            _checkpointExists = true;
        }

        var saved = (await store.QueryAsync("SELECT position FROM es_checkpoints WHERE name = @n", r => r.GetInt64(0), ct, ("n", CheckpointName))).Single();
        (_position, _saved) = (Math.Max(_position, saved), saved); // another node may be further on
        var granted = 0;
        while (true)
        {
            IReadOnlyList<RecordedEvent> page;
            await using (var connection = await store.OpenAsync(ct))
            {
                page = await store.ReadAllAsync(connection, _position, PageSize, type => type == WinnersType, ct);
            }

            var grantedBefore = granted;
            foreach (var e in page)
            {
                if (e.Data is ContestWinnersPicked picked && Guid.TryParse(e.StreamId.AsSpan(e.StreamId.IndexOf('-', StringComparison.Ordinal) + 1), out var topicId))
                {
                    foreach (var winner in picked.Winners)
                    {
                        granted += await GrantOnceAsync(winner.MemberId, ReasonFor(topicId, winner.PostId), picked.By, picked.At, e.EventId, ct) ? 1 : 0;
                    }
                }
            }

            _position = page.Count > 0 ? page[^1].Position : _position;
            if (granted > grantedBefore || _position - _saved >= SaveEvery || (_position > _saved && time.GetUtcNow() - _savedAt >= SaveAfter))
            {
                // Never backwards: another node may have saved a later position meanwhile.
                await store.ExecuteAsync(
                    "UPDATE es_checkpoints SET position = @to, updated_at = CURRENT_TIMESTAMP, last_error = NULL WHERE name = @n AND position < @to",
                    ct, ("to", _position), ("n", CheckpointName));
                (_saved, _savedAt) = (_position, time.GetUtcNow());
            }

            if (page.Count == 0)
            {
                return granted;
            }
        }
    }

    private async Task<bool> GrantOnceAsync(Guid memberId, string reason, Guid by, DateTimeOffset at, Guid cause, CancellationToken ct)
    {
        var streamId = BadgesSetup.StreamId(memberId);
        for (var attempt = 1; ; attempt++)
        {
            var events = await store.ReadStreamAsync(streamId, ct: ct);
            if (events.Any(e => e.Data is BadgeGranted { Badge: AnimationCommands.WinnerBadge } g && g.Reason == reason))
            {
                return false;
            }

            var state = events.Select(e => (BadgeEvent)e.Data).Aggregate(MemberBadgesState.For(memberId), MemberBadges.Evolve);
            var decision = MemberBadges.Decide(new GrantBadge(AnimationCommands.WinnerBadge, Multiple: true, reason, by, at), state);
            try
            {
                var version = events.Count == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exactly(events[^1].Version);
                await store.AppendAsync(streamId, version, [.. decision.Events.Cast<object>()], new EventMetadata(Actor: by.ToString(), CausationId: cause.ToString()), ct);
                return true;
            }
            catch (ConcurrencyException) when (attempt < 10)
            {
                // Someone appended to the member's badges first (maybe this very grant, from another node): look again.
            }
        }
    }
}
