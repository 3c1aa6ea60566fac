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
/// A batch reads what it needs up front, changes it in memory and writes each changed row once at its end, a table at
/// a time (<see cref="BulkWrite"/>); members' counts and awards are carried to the next batch
/// (<see cref="CarriedState{T}"/>), so a rebuild reads each member once. Daily activity (for the weekly and monthly
/// leaderboards) is kept for the longest period only.
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

    /// <summary>Beyond this many members, what a batch learnt is not carried to the next (memory stays bounded).</summary>
    private const int MaxKnownMembers = 250_000;

    /// <summary>Beyond this many posts (about 50 MB), the known posts are dropped and the next batches learn the recent ones again.</summary>
    private const int MaxKnownPosts = 1_000_000;

    /// <summary>The activities counted per member, each a column of <c>badge_totals</c> named <see cref="Badge.ActivityName"/>.</summary>
    public static readonly IReadOnlyList<BadgeActivity> Counted = [BadgeActivity.Posts, BadgeActivity.Topics, BadgeActivity.Reactions, BadgeActivity.Referrals, BadgeActivity.Visits];

    /// <summary>
    /// <c>badge_totals</c>: each member's counts in one row, a column per activity, replacing a row per member and
    /// activity. A batch rewrites the counts of every member it touched; one row per member instead of one per
    /// activity is about half the rows, and rows written are what a rebuild costs on PostgreSQL.
    /// </summary>
    public static readonly Migration Totals = new(
        "badges/003-totals",
        $"""
        CREATE TABLE badge_totals (member_id uuid PRIMARY KEY, {TotalsColumns("bigint NOT NULL DEFAULT 0")});
        {CopyTotals}
        DROP TABLE badge_activity;
        """,
        $"""
        CREATE TABLE badge_totals (member_id TEXT PRIMARY KEY, {TotalsColumns("INTEGER NOT NULL DEFAULT 0")}) WITHOUT ROWID;
        {CopyTotals}
        DROP TABLE badge_activity;
        """);

    private static string CopyTotals =>
        $"INSERT INTO badge_totals (member_id, {TotalsColumns("")}) SELECT member_id, " +
        string.Join(", ", Counted.Select(a => $"SUM(CASE WHEN activity = '{Badge.ActivityName(a)}' THEN value ELSE 0 END)")) + " FROM badge_activity GROUP BY member_id;";

    private static string TotalsColumns(string type) => string.Join(", ", Counted.Select(a => $"{Badge.ActivityName(a)} {type}".TrimEnd()));

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly CarriedState<Known> _known = new(() => new Known());
    private DateOnly _forgotten;

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

    /// <summary>How a batch writes each table: all its rows at once.</summary>
    private static class Writes
    {
        public static readonly BulkWrite Posts = BulkWrite.Insert("badge_posts", "post_id uuid, author_id uuid, opening boolean, deleted boolean, hidden boolean",
            "ON CONFLICT (post_id) DO UPDATE SET deleted = excluded.deleted, hidden = excluded.hidden");

        public static readonly BulkWrite Awards = BulkWrite.Insert("badge_awards", "member_id uuid, badge_id text, n int, awarded_at timestamptz, reason text");

        public static readonly BulkWrite Notices = BulkWrite.Insert("badge_notices", "member_id uuid, badge_id text, n int, awarded_at timestamptz, announced boolean", "ON CONFLICT DO NOTHING");

        public static readonly BulkWrite Totals = BulkWrite.Insert(
            "badge_totals",
            "member_id uuid, " + TotalsColumns("bigint"),
            "ON CONFLICT (member_id) DO UPDATE SET " + string.Join(", ", Counted.Select(a => $"{Badge.ActivityName(a)} = excluded.{Badge.ActivityName(a)}")));

        public static readonly BulkWrite Days = BulkWrite.Insert("badge_activity_days", "member_id uuid, activity text, day date, delta bigint",
            "ON CONFLICT (activity, day, member_id) DO UPDATE SET delta = badge_activity_days.delta + excluded.delta");

        public static readonly BulkWrite Flair = BulkWrite.Insert("badge_flair", "member_id uuid, badges text", "ON CONFLICT (member_id) DO UPDATE SET badges = excluded.badges");
    }

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
        var known = _known.Take(context);
        var now = _time.GetUtcNow();
        var batch = new Batch(context, catalogue, known, now - NoticeWindow, KeptFrom(now));
        await batch.PreloadAsync(events, ct);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case PostPublished p:
                    // Published once per post (a held post is published when approved), and the checkpoint never
                    // applies an event twice: no read needed.
                    var published = new PostRow(p.PostId, p.AuthorId, p.Number == 1, Deleted: false, Hidden: false);
                    batch.Publish(published);
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

        await batch.SaveAsync(ct);
        await ForgetOldDaysAsync(context, KeptFrom(now), ct);
        if (known.Posts.Count > MaxKnownPosts)
        {
            known.Posts.Clear();
        }

        if (known.Members.Count <= MaxKnownMembers)
        {
            _known.Keep(context, known);
        }
    }

    /// <summary>
    /// The first day whose activity is kept per day: leaderboards look back <see cref="BadgeReads.LongestPeriodDays"/>
    /// days at most (all time reads the totals), so older daily rows would never be read again. A rebuild skips them,
    /// which spares it nearly a row per event, and a live run deletes them once a day.
    /// </summary>
    private static DateOnly KeptFrom(DateTimeOffset now) => DateOnly.FromDateTime(now.UtcDateTime).AddDays(-BadgeReads.LongestPeriodDays - 1);

    private async Task ForgetOldDaysAsync(ProjectionContext context, DateOnly keptFrom, CancellationToken ct)
    {
        if (_forgotten != keptFrom)
        {
            await context.ExecuteAsync("DELETE FROM badge_activity_days WHERE day < @d", ct, ("d", Day(context.Engine, new DateTimeOffset(keptFrom, TimeOnly.MinValue, TimeSpan.Zero))));
            _forgotten = keptFrom;
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        _known.Forget();
        await context.ExecuteAsync("DELETE FROM badge_awards", ct);
        await context.ExecuteAsync("DELETE FROM badge_flair", ct);
        await context.ExecuteAsync("DELETE FROM badge_activity_days", ct);
        await context.ExecuteAsync("DELETE FROM badge_totals", ct);
        await context.ExecuteAsync("DELETE FROM badge_posts", ct);
    }

    public static Guid ReadId(object value) => value as Guid? ?? Guid.Parse((string)value);

    private sealed record PostRow(Guid PostId, Guid AuthorId, bool Opening, bool Deleted, bool Hidden)
    {
        public bool Counts => !Deleted && !Hidden;
    }

    /// <summary>
    /// Members whose counts and awards are known (a count or award absent from the dictionaries is 0) and posts whose
    /// author and state are known (null: not in the table), carried from batch to batch while the checkpoint follows
    /// (<see cref="CarriedState{T}"/>).
    /// </summary>
    private sealed class Known
    {
        public Dictionary<Guid, PostRow?> Posts { get; } = [];

        public HashSet<Guid> Members { get; } = [];

        public Dictionary<(Guid, BadgeActivity), long> Counts { get; } = [];

        public Dictionary<(Guid, string), int> Awards { get; } = [];
    }

    private sealed class Batch(ProjectionContext context, BadgeCatalogue catalogue, Known known, DateTimeOffset announceSince, DateOnly keptFrom)
    {
        private readonly StorageEngine _engine = context.Engine;
        private readonly Dictionary<Guid, PostRow?> _posts = known.Posts;
        private readonly Dictionary<(Guid, BadgeActivity), long> _counts = known.Counts;
        private readonly Dictionary<(Guid, string), int> _awards = known.Awards;
        private readonly HashSet<Guid> _awardsChanged = [];
        private readonly HashSet<(Guid Member, BadgeActivity Activity)> _changedCounts = [];
        private readonly HashSet<Guid> _changedPosts = [];
        private readonly HashSet<Guid> _published = [];
        private readonly Dictionary<(Guid Member, string Badge, int N), (DateTimeOffset At, string Reason)> _newAwards = [];
        private readonly HashSet<(Guid Member, string Badge, int N)> _takenBack = [];
        private readonly Dictionary<(Guid Member, string Badge, int N), DateTimeOffset> _notices = [];
        private readonly Dictionary<(Guid Member, BadgeActivity Activity, DateOnly Day), long> _dayDeltas = [];
        private Dictionary<Guid, Guid>? _referrers;

        /// <summary>
        /// Reads, thousands of rows a query, everything the batch will look at: the posts it reacts to or marks, and
        /// the counts and awards of every member it touches (authors, visitors, their referrers) that it does not know
        /// from the batch before. Without it each first look at a member or post is a query of its own, which is what
        /// made a rebuild slow; rows not found are known to be absent (a count of 0, no award).
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
            await LearnAsync(members, ct);
        }

        /// <summary>Reads the counts and awards of the members not known yet; from then on a count or award not in memory is 0.</summary>
        private async Task LearnAsync(HashSet<Guid> members, CancellationToken ct)
        {
            members.ExceptWith(known.Members);
            await context.ReadInChunksAsync(members, $"SELECT member_id, {TotalsColumns("")} FROM badge_totals WHERE member_id IN ({{0}})", reader =>
            {
                var member = ReadId(reader.GetValue(0));
                for (var i = 0; i < Counted.Count; i++)
                {
                    _counts[(member, Counted[i])] = Convert.ToInt64(reader.GetValue(i + 1), CultureInfo.InvariantCulture);
                }
            }, ct);
            await context.ReadInChunksAsync(members, "SELECT member_id, badge_id, MAX(n) FROM badge_awards WHERE member_id IN ({0}) GROUP BY member_id, badge_id", reader =>
                _awards[(ReadId(reader.GetValue(0)), reader.GetString(1))] = Convert.ToInt32(reader.GetValue(2), CultureInfo.InvariantCulture), ct);
            known.Members.UnionWith(members);
        }

        public async ValueTask<PostRow?> PostAsync(Guid postId, CancellationToken ct)
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

        public void Publish(PostRow post)
        {
            _published.Add(post.PostId);
            SavePost(post);
        }

        public void SavePost(PostRow post)
        {
            _posts[post.PostId] = post;
            _changedPosts.Add(post.PostId);
        }

        /// <summary>Deletes, hides or restores a post: its author's counts follow when whether it counts changes.</summary>
        public async ValueTask MarkAsync(Guid postId, Func<PostRow, PostRow> change, DateTimeOffset at, CancellationToken ct)
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

            SavePost(after);
            if (after.Counts != before.Counts)
            {
                await CountPostAsync(after, after.Counts ? +1 : -1, at, ct);
            }

            await RecountReferralsOfReferrerAsync(after.AuthorId, at, ct);
        }

        public async ValueTask CountPostAsync(PostRow post, int delta, DateTimeOffset at, CancellationToken ct)
        {
            await ChangeAsync(post.AuthorId, BadgeActivity.Posts, delta, at, ct);
            if (post.Opening)
            {
                await ChangeAsync(post.AuthorId, BadgeActivity.Topics, delta, at, ct);
            }
        }

        /// <summary>The member's referrer, if any, gets their activated (and not struck) referrals counted again from the funnel.</summary>
        public async ValueTask RecountReferralsOfReferrerAsync(Guid memberId, DateTimeOffset at, CancellationToken ct)
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
        private async ValueTask<Dictionary<Guid, Guid>> ReferrersAsync(CancellationToken ct)
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

        public async ValueTask ChangeAsync(Guid memberId, BadgeActivity activity, long delta, DateTimeOffset at, CancellationToken ct)
        {
            if (delta == 0)
            {
                return;
            }

            var value = await CountAsync(memberId, activity, ct) + delta;
            _counts[(memberId, activity)] = value;
            _changedCounts.Add((memberId, activity));
            var day = (memberId, activity, DateOnly.FromDateTime(at.UtcDateTime));
            if (day.Item3 >= keptFrom && BadgeReads.RankedActivities.Contains(activity))
            {
                _dayDeltas[day] = _dayDeltas.GetValueOrDefault(day) + delta;
            }

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

        public async ValueTask AwardAsync(Guid memberId, string badgeId, DateTimeOffset at, string reason, CancellationToken ct)
        {
            var n = await AwardsAsync(memberId, badgeId, ct) + 1;
            _awards[(memberId, badgeId)] = n;
            _awardsChanged.Add(memberId);
            _newAwards[(memberId, badgeId, n)] = (at, reason);
            _notices.TryAdd((memberId, badgeId, n), at);
        }

        public async ValueTask TakeBackAsync(Guid memberId, string badgeId, CancellationToken ct)
        {
            var n = await AwardsAsync(memberId, badgeId, ct);
            if (n == 0)
            {
                return;
            }

            _awards[(memberId, badgeId)] = n - 1;
            _awardsChanged.Add(memberId);
            if (!_newAwards.Remove((memberId, badgeId, n)))
            {
                _takenBack.Add((memberId, badgeId, n));
            }
        }

        /// <summary>
        /// Writes everything the batch changed, each row once and in a few statements (<see cref="BulkWrite"/>) rather
        /// than once per event: a rebuild's batch holds thousands of events by the same few thousand members. Awards
        /// taken back go before new ones, as an award taken back and made again in the batch is a new row.
        /// </summary>
        public async Task SaveAsync(CancellationToken ct)
        {
            // A post is published once, so the rows of posts published in the batch are new: the cheaper path.
            var posts = _changedPosts.Select(id => _posts[id]!).ToLookup(p => _published.Contains(p.PostId), p => Row(p.PostId, p.AuthorId, p.Opening, p.Deleted, p.Hidden));
            await Writes.Posts.WriteNewAsync(context, posts[true], ct);
            await Writes.Posts.WriteAsync(context, posts[false], ct);
            foreach (var (member, badge, n) in _takenBack)
            {
                await context.WriteAsync(
                    "DELETE FROM badge_awards WHERE member_id = @m AND badge_id = @b AND n = @n", ct, ("m", Sql.Id(_engine, member)), ("b", badge), ("n", n));
            }

            await Writes.Awards.WriteAsync(context, _newAwards.Select(a => Row(a.Key.Member, a.Key.Badge, a.Key.N, a.Value.At, a.Value.Reason)), ct);
            await Writes.Notices.WriteAsync(context, _notices.Select(a => Row(a.Key.Member, a.Key.Badge, a.Key.N, a.Value, a.Value < announceSince)), ct);
            await Writes.Totals.WriteAsync(context, _changedCounts.Select(c => c.Member).Distinct().Select(m =>
                new object?[] { m }.Concat(Counted.Select(a => (object?)_counts.GetValueOrDefault((m, a)))).ToArray()), ct);
            await Writes.Days.WriteAsync(context, _dayDeltas.Where(d => d.Value != 0).Select(d => Row(d.Key.Member, Badge.ActivityName(d.Key.Activity), d.Key.Day, d.Value)), ct);
            await SaveFlairAsync(ct);
        }

        /// <summary>The flair of each member whose awards changed in the batch, from their awards as they now stand.</summary>
        private async Task SaveFlairAsync(CancellationToken ct)
        {
            var held = _awardsChanged.ToDictionary(m => m, _ => new List<(string, DateTimeOffset)>());
            await context.ReadInChunksAsync(_awardsChanged, "SELECT member_id, badge_id, awarded_at FROM badge_awards WHERE member_id IN ({0})", reader =>
                held[ReadId(reader.GetValue(0))].Add((reader.GetString(1), Sql.ReadTime(reader, 2))), ct);
            await Writes.Flair.WriteAsync(context, held.Select(h => Row(h.Key, string.Join(',', catalogue.FlairOf(h.Value).Select(b => b.Id)))), ct);
        }

        private static object?[] Row(params object?[] values) => values;

        private async ValueTask<long> CountAsync(Guid memberId, BadgeActivity activity, CancellationToken ct)
        {
            // Members the preload could not foresee (the referrer of a member banned in this batch) are read whole.
            if (!known.Members.Contains(memberId))
            {
                await LearnAsync([memberId], ct);
            }

            return _counts.GetValueOrDefault((memberId, activity));
        }

        private async ValueTask<int> AwardsAsync(Guid memberId, string badgeId, CancellationToken ct)
        {
            if (!known.Members.Contains(memberId))
            {
                await LearnAsync([memberId], ct);
            }

            return _awards.GetValueOrDefault((memberId, badgeId));
        }

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
