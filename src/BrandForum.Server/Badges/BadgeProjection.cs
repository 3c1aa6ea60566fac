using System.Globalization;
using BrandForum.Domain.Badges;
using BrandForum.Domain.Members;
using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Badges;

/// <summary>
/// Counts each member's activity from the log and awards (or, for revocable badges, takes back) the catalogue's
/// badges as counts cross their thresholds; manual badges follow the staff's grant and revoke events. Async: nobody
/// waits for a badge, and a rebuild (<c>projections rebuild badges</c>) replays the history against the current rules.
///
/// Activated referrals are not re-derived here: on each event that can change an activation (a referred member's
/// post published, deleted, hidden or restored; a ban imposed or lifted) the referrer's count is read from the
/// referral funnel's <c>referrals</c> table, which is inline and so already at least as recent as the event. The
/// count is therefore right, but after a rebuild a Recruiter badge is dated by the first such event replayed
/// rather than by the activation itself.
///
/// Within a batch, counts, posts, awards and who referred whom are kept in memory after their first read, so a batch
/// reads each row once and writes through the context's queue.
/// </summary>
public sealed class BadgeProjection(BadgeCatalogue catalogue, TimeProvider? time = null) : IProjection
{
    /// <summary>Awards dated further back than this (a rebuild, a new rule over old history) are not announced.</summary>
    public static readonly TimeSpan NoticeWindow = TimeSpan.FromDays(1);

    /// <summary>
    /// <c>badge_flair</c>: each member's <see cref="BadgeCatalogue.FlairOf"/> as comma-separated ids, kept with the
    /// awards so a topic page reads it in its posts query (one join, no query per author).
    /// One row per award ever made (member, badge, n), kept across rebuilds, so an award is announced once: a rebuild
    /// re-awarding it finds the row. <see cref="BadgeNotifier"/> sends the rows not yet announced.
    /// </summary>
    public static readonly Migration Notices = new(
        "badges/002-notices-flair",
        """
        CREATE TABLE badge_flair (member_id uuid PRIMARY KEY, badges text NOT NULL);
        CREATE TABLE badge_notices (member_id uuid NOT NULL, badge_id text NOT NULL, n int NOT NULL, awarded_at timestamptz NOT NULL, announced boolean NOT NULL, PRIMARY KEY (member_id, badge_id, n));
        CREATE INDEX badge_notices_pending ON badge_notices (awarded_at) WHERE NOT announced;
        """,
        """
        CREATE TABLE badge_flair (member_id TEXT PRIMARY KEY, badges TEXT NOT NULL) WITHOUT ROWID;
        CREATE TABLE badge_notices (member_id TEXT NOT NULL, badge_id TEXT NOT NULL, n INTEGER NOT NULL, awarded_at TEXT NOT NULL, announced INTEGER NOT NULL, PRIMARY KEY (member_id, badge_id, n)) WITHOUT ROWID;
        CREATE INDEX badge_notices_pending ON badge_notices (awarded_at) WHERE announced = 0;
        """);

    private readonly TimeProvider _time = time ?? TimeProvider.System;

    public const string ProjectionName = "badges";

    public static readonly Migration Tables = new(
        "badges/001-activity-awards",
        """
        CREATE TABLE badge_posts (post_id uuid PRIMARY KEY, author_id uuid NOT NULL, opening boolean NOT NULL, deleted boolean NOT NULL, hidden boolean NOT NULL);
        CREATE TABLE badge_activity (member_id uuid NOT NULL, activity text NOT NULL, value bigint NOT NULL, PRIMARY KEY (member_id, activity));
        CREATE TABLE badge_activity_days (member_id uuid NOT NULL, activity text NOT NULL, day date NOT NULL, delta bigint NOT NULL, PRIMARY KEY (activity, day, member_id));
        CREATE TABLE badge_awards (
          member_id uuid NOT NULL, badge_id text NOT NULL, n int NOT NULL, awarded_at timestamptz NOT NULL, reason text NOT NULL,
          PRIMARY KEY (member_id, badge_id, n));
        CREATE INDEX badge_awards_badge ON badge_awards (badge_id);
        """,
        """
        CREATE TABLE badge_posts (post_id TEXT PRIMARY KEY, author_id TEXT NOT NULL, opening INTEGER NOT NULL, deleted INTEGER NOT NULL, hidden INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE badge_activity (member_id TEXT NOT NULL, activity TEXT NOT NULL, value INTEGER NOT NULL, PRIMARY KEY (member_id, activity)) WITHOUT ROWID;
        CREATE TABLE badge_activity_days (member_id TEXT NOT NULL, activity TEXT NOT NULL, day TEXT NOT NULL, delta INTEGER NOT NULL, PRIMARY KEY (activity, day, member_id)) WITHOUT ROWID;
        CREATE TABLE badge_awards (
          member_id TEXT NOT NULL, badge_id TEXT NOT NULL, n INTEGER NOT NULL, awarded_at TEXT NOT NULL, reason TEXT NOT NULL,
          PRIMARY KEY (member_id, badge_id, n)) WITHOUT ROWID;
        CREATE INDEX badge_awards_badge ON badge_awards (badge_id);
        """);

    public string Name => ProjectionName;

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        TopicsSetup.EventNames[typeof(PostPublished)],
        TopicsSetup.EventNames[typeof(PostDeleted)],
        TopicsSetup.EventNames[typeof(PostRestored)],
        TopicsSetup.EventNames[typeof(PostHidden)],
        TopicsSetup.EventNames[typeof(PostUnhidden)],
        TopicsSetup.EventNames[typeof(ReactionAdded)],
        TopicsSetup.EventNames[typeof(ReactionRemoved)],
        SanctionEventNames.All[typeof(SanctionImposed)],
        SanctionEventNames.All[typeof(SanctionLifted)],
        BadgesSetup.EventNames[typeof(BadgeGranted)],
        BadgesSetup.EventNames[typeof(BadgeRevoked)],
        MembersSetup.EventNames[typeof(MemberVisited)],
    };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var batch = new Batch(context, catalogue, _time.GetUtcNow() - NoticeWindow);
        await batch.PreloadAsync(events, ct);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case PostPublished p:
                    // Published once per post (a held post is published when approved), and the checkpoint never
                    // applies an event twice: no read needed.
                    var published = new PostRow(p.PostId, p.AuthorId, p.Number == 1, Deleted: false, Hidden: false);
                    await batch.SavePostAsync(published, ct);
                    await batch.CountPostAsync(published, +1, p.At, ct);
                    await batch.RecountReferralsOfReferrerAsync(p.AuthorId, p.At, ct);
                    break;
                case PostDeleted d:
                    await batch.MarkAsync(d.PostId, post => post with { Deleted = true }, d.At, ct);
                    break;
                case PostRestored r:
                    await batch.MarkAsync(r.PostId, post => post with { Deleted = false }, r.At, ct);
                    break;
                case PostHidden h:
                    await batch.MarkAsync(h.PostId, post => post with { Hidden = true }, h.At, ct);
                    break;
                case PostUnhidden u:
                    await batch.MarkAsync(u.PostId, post => post with { Hidden = false }, u.At, ct);
                    break;
                case ReactionAdded a when await batch.PostAsync(a.PostId, ct) is { } post && post.AuthorId != a.MemberId:
                    await batch.ChangeAsync(post.AuthorId, BadgeActivity.Reactions, +1, a.At, ct);
                    break;
                case ReactionRemoved r when await batch.PostAsync(r.PostId, ct) is { } post && post.AuthorId != r.MemberId:
                    await batch.ChangeAsync(post.AuthorId, BadgeActivity.Reactions, -1, r.At, ct);
                    break;
                case SanctionImposed { Kind: SanctionKind.Ban } ban:
                    await batch.RecountReferralsOfReferrerAsync(ban.MemberId, ban.At, ct);
                    break;
                case SanctionLifted lifted when e.StreamId.StartsWith("sanctions-", StringComparison.Ordinal):
                    await batch.RecountReferralsOfReferrerAsync(Guid.Parse(e.StreamId.AsSpan("sanctions-".Length)), lifted.At, ct);
                    break;
                case MemberVisited v:
                    // Appended once per member per UTC day (the visit-days table guards it), so each event is one day.
                    await batch.ChangeAsync(v.MemberId, BadgeActivity.Visits, +1, v.At, ct);
                    break;
                case BadgeGranted g when catalogue.Find(g.Badge) is { IsManual: true }:
                    await batch.AwardAsync(g.MemberId, g.Badge, g.At, g.Reason, ct);
                    break;
                case BadgeRevoked r when catalogue.Find(r.Badge) is { IsManual: true }:
                    await batch.TakeBackAsync(r.MemberId, r.Badge, ct);
                    break;
            }
        }

        await batch.SaveCountsAsync(ct);
        await batch.SaveFlairAsync(ct);
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM badge_awards", ct);
        await context.ExecuteAsync("DELETE FROM badge_flair", ct);
        await context.ExecuteAsync("DELETE FROM badge_activity_days", ct);
        await context.ExecuteAsync("DELETE FROM badge_activity", ct);
        await context.ExecuteAsync("DELETE FROM badge_posts", ct);
    }

    public static Guid ReadId(object value) => value as Guid? ?? Guid.Parse((string)value);

    private sealed record PostRow(Guid PostId, Guid AuthorId, bool Opening, bool Deleted, bool Hidden)
    {
        public bool Counts => !Deleted && !Hidden;
    }

    private sealed class Batch(ProjectionContext context, BadgeCatalogue catalogue, DateTimeOffset announceSince)
    {
        private readonly StorageEngine _engine = context.Engine;
        private readonly Dictionary<Guid, PostRow?> _posts = [];
        private readonly Dictionary<(Guid, BadgeActivity), long> _counts = [];
        private readonly Dictionary<(Guid, string), int> _awards = [];
        private readonly HashSet<Guid> _awardsChanged = [];
        private readonly HashSet<(Guid, BadgeActivity)> _changedCounts = [];
        private readonly Dictionary<(Guid Member, BadgeActivity Activity, DateOnly Day), long> _dayDeltas = [];
        private Dictionary<Guid, Guid>? _referrers;

        /// <summary>
        /// Reads, a few hundred rows a query, everything the batch will look at: the posts it reacts to or marks, and
        /// the counts and awards of every member it touches (authors, visitors, their referrers). Without it each first
        /// look at a member or post is a query of its own that also flushes the pending writes, which is what made a
        /// rebuild slow; rows not found are known to be absent (a count of 0, no award).
        /// </summary>
        public async Task PreloadAsync(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
        {
            var (posts, members) = (new HashSet<Guid>(), new HashSet<Guid>());
            foreach (var e in events)
            {
                switch (e.Data)
                {
                    case PostPublished p:
                        _posts[p.PostId] = null; // published in this batch: saved before anything reads it
                        members.Add(p.AuthorId);
                        break;
                    case PostDeleted or PostRestored or PostHidden or PostUnhidden or ReactionAdded or ReactionRemoved:
                        posts.Add(e.Data switch
                        {
                            PostDeleted d => d.PostId, PostRestored r => r.PostId, PostHidden h => h.PostId, PostUnhidden u => u.PostId,
                            ReactionAdded a => a.PostId, ReactionRemoved r => r.PostId, _ => Guid.Empty,
                        });
                        break;
                    case MemberVisited v:
                        members.Add(v.MemberId);
                        break;
                    case BadgeGranted g:
                        members.Add(g.MemberId);
                        break;
                    case BadgeRevoked r:
                        members.Add(r.MemberId);
                        break;
                }
            }

            posts.RemoveWhere(_posts.ContainsKey);
            foreach (var id in events.Select(e => e.Data).OfType<PostPublished>().Select(p => p.PostId))
            {
                _posts.Remove(id);
            }

            await context.FlushAsync(ct);
            await context.ReadInChunksAsync(posts, "SELECT post_id, author_id, opening, deleted, hidden FROM badge_posts WHERE post_id IN ({0})", reader =>
            {
                var post = new PostRow(ReadId(reader.GetValue(0)), ReadId(reader.GetValue(1)), Flag(reader.GetValue(2)), Flag(reader.GetValue(3)), Flag(reader.GetValue(4)));
                _posts[post.PostId] = post;
                members.Add(post.AuthorId);
            }, ct);
            foreach (var id in posts.Where(id => !_posts.ContainsKey(id)))
            {
                _posts[id] = null;
            }

            var referrers = await ReferrersAsync(ct);
            members.UnionWith(members.Where(referrers.ContainsKey).Select(m => referrers[m]).ToList());
            foreach (var member in members)
            {
                foreach (var activity in Enum.GetValues<BadgeActivity>())
                {
                    _counts[(member, activity)] = 0;
                }

                foreach (var badge in catalogue.All)
                {
                    _awards[(member, badge.Id)] = 0;
                }
            }

            var activities = Enum.GetValues<BadgeActivity>().ToDictionary(Badge.ActivityName, StringComparer.Ordinal);
            await context.ReadInChunksAsync(members, "SELECT member_id, activity, value FROM badge_activity WHERE member_id IN ({0})", reader =>
            {
                if (activities.TryGetValue(reader.GetString(1), out var activity))
                {
                    _counts[(ReadId(reader.GetValue(0)), activity)] = Convert.ToInt64(reader.GetValue(2), CultureInfo.InvariantCulture);
                }
            }, ct);
            await context.ReadInChunksAsync(members, "SELECT member_id, badge_id, MAX(n) FROM badge_awards WHERE member_id IN ({0}) GROUP BY member_id, badge_id", reader =>
                _awards[(ReadId(reader.GetValue(0)), reader.GetString(1))] = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), ct);
        }

        public async Task<PostRow?> PostAsync(Guid postId, CancellationToken ct)
        {
            if (_posts.TryGetValue(postId, out var known))
            {
                return known;
            }

            await context.FlushAsync(ct);
            // The context owns and reuses its commands: only the reader is ours to dispose.
            var command = context.Command("SELECT author_id, opening, deleted, hidden FROM badge_posts WHERE post_id = @p", ("p", Sql.Id(_engine, postId)));
            await using var reader = await command.ExecuteReaderAsync(ct);
            PostRow? row = await reader.ReadAsync(ct)
                ? new PostRow(postId, ReadId(reader.GetValue(0)), Flag(reader.GetValue(1)), Flag(reader.GetValue(2)), Flag(reader.GetValue(3)))
                : null;
            return _posts[postId] = row;
        }

        public Task SavePostAsync(PostRow post, CancellationToken ct)
        {
            _posts[post.PostId] = post;
            return context.WriteAsync(
                "INSERT INTO badge_posts (post_id, author_id, opening, deleted, hidden) VALUES (@p, @a, @o, @d, @h) " +
                "ON CONFLICT (post_id) DO UPDATE SET deleted = excluded.deleted, hidden = excluded.hidden",
                ct,
                ("p", Sql.Id(_engine, post.PostId)), ("a", Sql.Id(_engine, post.AuthorId)), ("o", Bool(post.Opening)), ("d", Bool(post.Deleted)), ("h", Bool(post.Hidden)));
        }

        /// <summary>Deletes, hides or restores a post: its author's counts follow when whether it counts changes.</summary>
        public async Task MarkAsync(Guid postId, Func<PostRow, PostRow> change, DateTimeOffset at, CancellationToken ct)
        {
            if (await PostAsync(postId, ct) is not { } before)
            {
                return;
            }

            var after = change(before);
            if (after == before)
            {
                return;
            }

            await SavePostAsync(after, ct);
            if (after.Counts != before.Counts)
            {
                await CountPostAsync(after, after.Counts ? +1 : -1, at, ct);
            }

            await RecountReferralsOfReferrerAsync(after.AuthorId, at, ct);
        }

        public async Task CountPostAsync(PostRow post, int delta, DateTimeOffset at, CancellationToken ct)
        {
            await ChangeAsync(post.AuthorId, BadgeActivity.Posts, delta, at, ct);
            if (post.Opening)
            {
                await ChangeAsync(post.AuthorId, BadgeActivity.Topics, delta, at, ct);
            }
        }

        /// <summary>The member's referrer, if any, gets their activated (and not struck) referrals counted again from the funnel.</summary>
        public async Task RecountReferralsOfReferrerAsync(Guid memberId, DateTimeOffset at, CancellationToken ct)
        {
            if (await ReferrersAsync(ct) is var referrers && !referrers.TryGetValue(memberId, out var referrerId))
            {
                return;
            }

            var activated = await context.ScalarAsync<long>(
                "SELECT COUNT(*) FROM referrals WHERE referrer_id = @r AND activated_at IS NOT NULL AND struck_at IS NULL", ct, ("r", Sql.Id(_engine, referrerId)));
            await ChangeAsync(referrerId, BadgeActivity.Referrals, activated - await CountAsync(referrerId, BadgeActivity.Referrals, ct), at, ct);
        }

        /// <summary>
        /// Who referred whom, read once a batch: referred members are few, and nearly every post is by someone nobody
        /// referred, which then costs no read at all.
        /// </summary>
        private async Task<Dictionary<Guid, Guid>> ReferrersAsync(CancellationToken ct)
        {
            if (_referrers is null)
            {
                await context.FlushAsync(ct);
                _referrers = [];
                var command = context.Command("SELECT member_id, referrer_id FROM referrals");
                await using var reader = await command.ExecuteReaderAsync(ct);
                while (await reader.ReadAsync(ct))
                {
                    _referrers[ReadId(reader.GetValue(0))] = ReadId(reader.GetValue(1));
                }
            }

            return _referrers;
        }

        public async Task ChangeAsync(Guid memberId, BadgeActivity activity, long delta, DateTimeOffset at, CancellationToken ct)
        {
            if (delta == 0)
            {
                return;
            }

            var value = await CountAsync(memberId, activity, ct) + delta;
            _counts[(memberId, activity)] = value;
            _changedCounts.Add((memberId, activity));
            var day = (memberId, activity, DateOnly.FromDateTime(at.UtcDateTime));
            _dayDeltas[day] = _dayDeltas.GetValueOrDefault(day) + delta;

            foreach (var badge in catalogue.For(activity))
            {
                var held = await AwardsAsync(memberId, badge.Id, ct);
                var earned = badge.Earned(value);
                for (var n = held; n < earned; n++)
                {
                    await AwardAsync(memberId, badge.Id, at, Reason(activity, value), ct);
                }

                for (var n = held; badge.Revocable && n > earned; n--)
                {
                    await TakeBackAsync(memberId, badge.Id, ct);
                }
            }
        }

        public async Task AwardAsync(Guid memberId, string badgeId, DateTimeOffset at, string reason, CancellationToken ct)
        {
            var n = await AwardsAsync(memberId, badgeId, ct) + 1;
            _awards[(memberId, badgeId)] = n;
            _awardsChanged.Add(memberId);
            await context.WriteAsync(
                "INSERT INTO badge_awards (member_id, badge_id, n, awarded_at, reason) VALUES (@m, @b, @n, @at, @r)",
                ct, ("m", Sql.Id(_engine, memberId)), ("b", badgeId), ("n", n), ("at", Sql.Time(_engine, at)), ("r", reason));
            await context.WriteAsync(
                "INSERT INTO badge_notices (member_id, badge_id, n, awarded_at, announced) VALUES (@m, @b, @n, @at, @done) ON CONFLICT DO NOTHING",
                ct, ("m", Sql.Id(_engine, memberId)), ("b", badgeId), ("n", n), ("at", Sql.Time(_engine, at)), ("done", Bool(at < announceSince)));
        }

        public async Task TakeBackAsync(Guid memberId, string badgeId, CancellationToken ct)
        {
            var n = await AwardsAsync(memberId, badgeId, ct);
            if (n == 0)
            {
                return;
            }

            _awards[(memberId, badgeId)] = n - 1;
            _awardsChanged.Add(memberId);
            await context.WriteAsync(
                "DELETE FROM badge_awards WHERE member_id = @m AND badge_id = @b AND n = @n", ct, ("m", Sql.Id(_engine, memberId)), ("b", badgeId), ("n", n));
        }

        /// <summary>
        /// Writes the counts and the per-day deltas the batch changed, once per member and activity (and day) rather
        /// than once per event: a rebuild's batch holds thousands of events by the same few thousand members.
        /// </summary>
        public async Task SaveCountsAsync(CancellationToken ct)
        {
            foreach (var (member, activity) in _changedCounts)
            {
                await context.WriteAsync(
                    "INSERT INTO badge_activity (member_id, activity, value) VALUES (@m, @a, @v) ON CONFLICT (member_id, activity) DO UPDATE SET value = excluded.value",
                    ct, ("m", Sql.Id(_engine, member)), ("a", Badge.ActivityName(activity)), ("v", _counts[(member, activity)]));
            }

            foreach (var ((member, activity, day), delta) in _dayDeltas.Where(d => d.Value != 0))
            {
                await context.WriteAsync(
                    "INSERT INTO badge_activity_days (member_id, activity, day, delta) VALUES (@m, @a, @day, @d) " +
                    "ON CONFLICT (activity, day, member_id) DO UPDATE SET delta = badge_activity_days.delta + excluded.delta",
                    ct, ("m", Sql.Id(_engine, member)), ("a", Badge.ActivityName(activity)), ("day", Day(_engine, new DateTimeOffset(day, TimeOnly.MinValue, TimeSpan.Zero))), ("d", delta));
            }

            _changedCounts.Clear();
            _dayDeltas.Clear();
        }

        /// <summary>The flair of each member whose awards changed in the batch, from their awards as they now stand.</summary>
        public async Task SaveFlairAsync(CancellationToken ct)
        {
            if (_awardsChanged.Count == 0)
            {
                return;
            }

            await context.FlushAsync(ct);
            foreach (var memberId in _awardsChanged)
            {
                var held = new List<(string, DateTimeOffset)>();
                await using (var reader = await context.Command("SELECT badge_id, awarded_at FROM badge_awards WHERE member_id = @m", ("m", Sql.Id(_engine, memberId))).ExecuteReaderAsync(ct))
                {
                    while (await reader.ReadAsync(ct))
                    {
                        held.Add((reader.GetString(0), Sql.ReadTime(reader, 1)));
                    }
                }

                await context.WriteAsync(
                    "INSERT INTO badge_flair (member_id, badges) VALUES (@m, @b) ON CONFLICT (member_id) DO UPDATE SET badges = excluded.badges",
                    ct, ("m", Sql.Id(_engine, memberId)), ("b", string.Join(',', catalogue.FlairOf(held).Select(b => b.Id))));
            }

            await context.FlushAsync(ct);
        }

        private async Task<long> CountAsync(Guid memberId, BadgeActivity activity, CancellationToken ct)
        {
            if (!_counts.TryGetValue((memberId, activity), out var value))
            {
                value = _counts[(memberId, activity)] = await context.ScalarAsync<long>(
                    "SELECT value FROM badge_activity WHERE member_id = @m AND activity = @a", ct, ("m", Sql.Id(_engine, memberId)), ("a", Badge.ActivityName(activity)));
            }

            return value;
        }

        private async Task<int> AwardsAsync(Guid memberId, string badgeId, CancellationToken ct)
        {
            if (!_awards.TryGetValue((memberId, badgeId), out var n))
            {
                n = _awards[(memberId, badgeId)] = await context.ScalarAsync<int>(
                    "SELECT COALESCE(MAX(n), 0) FROM badge_awards WHERE member_id = @m AND badge_id = @b", ct, ("m", Sql.Id(_engine, memberId)), ("b", badgeId));
            }

            return n;
        }

        private object Bool(bool value) => _engine == StorageEngine.Postgres ? value : value ? 1 : 0;

        private static bool Flag(object value) => value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

        private static string Reason(BadgeActivity activity, long value) => activity switch
        {
            BadgeActivity.Posts => $"posts published: {value}",
            BadgeActivity.Topics => $"topics started: {value}",
            BadgeActivity.Reactions => $"reactions received: {value}",
            BadgeActivity.Referrals => $"activated referrals: {value}",
            BadgeActivity.Visits => $"days visited: {value}",
            _ => "",
        };
    }

    public static object Day(StorageEngine engine, DateTimeOffset at) =>
        engine == StorageEngine.Postgres ? DateOnly.FromDateTime(at.UtcDateTime) : at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
