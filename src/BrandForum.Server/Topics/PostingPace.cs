using System.Globalization;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// Whether a member may post now: not while silenced (a sanction: they read and react, they do not write), and
/// at a pace (defaults: 5 s between posts, 15 s between topics, three times that for members who joined less than
/// a day ago or are still at trust level 0; staff exempt), from Forum:RateLimits, the pace off with Forum:RateLimits:Enabled=false.
/// It reads the member's last post and topic from the read model, so it holds across nodes. A soft limit:
/// two posts sent in the same instant may both pass. Slow mode, set by staff on a topic or a category, is a pace
/// per topic: one post per member per N seconds there (held posts count), rate limits on or off.
/// </summary>
public sealed class PostingPace(
    SqlEventStore store, Moderation.SanctionReads sanctions, Moderation.MemberStanding standing, Crisis.CrisisPace crisis, IConfiguration configuration, TimeProvider time)
{
    private readonly bool _enabled = configuration.GetValue("Forum:RateLimits:Enabled", true);
    private readonly TimeSpan _betweenPosts = TimeSpan.FromSeconds(configuration.GetValue("Forum:RateLimits:SecondsBetweenPosts", 5));
    private readonly TimeSpan _betweenTopics = TimeSpan.FromSeconds(configuration.GetValue("Forum:RateLimits:SecondsBetweenTopics", 15));
    private readonly int _newMemberFactor = configuration.GetValue("Forum:RateLimits:NewMemberFactor", 3);

    /// <param name="inTopic">The topic replied to (for its slow mode), null when starting one.</param>
    /// <param name="category">Where the post goes, for a crisis's slow mode (see <see cref="Crisis.CrisisPace"/>).</param>
    public async Task<Refusal?> CheckAsync(Actor by, bool startingTopic, CancellationToken ct, Guid? inTopic = null, string? category = null)
    {
        if (await SilencedAsync(by, ct) is { } silenced)
        {
            return silenced;
        }

        if (!by.IsStaff && category is not null && await crisis.CheckAsync(by.MemberId, category, ct) is { } inCrisis)
        {
            return inCrisis;
        }

        if (by.IsStaff || (!_enabled && inTopic is null))
        {
            return null;
        }

        var pace = (await store.QueryAsync(
            "SELECT (SELECT max(created_at) FROM posts WHERE author_id = @m), (SELECT max(created_at) FROM topics WHERE author_id = @m), " +
            "(SELECT joined_at FROM member_cards WHERE member_id = @m), " +
            "(SELECT CASE WHEN t.slow_mode_seconds > coalesce(c.slow_mode_seconds, 0) THEN t.slow_mode_seconds ELSE coalesce(c.slow_mode_seconds, 0) END " +
            " FROM topics t LEFT JOIN categories c ON c.slug = t.category WHERE t.topic_id = @t)",
            r => (LastPost: Sql.ReadOptionalTime(r, 0), LastTopic: Sql.ReadOptionalTime(r, 1), Joined: Sql.ReadOptionalTime(r, 2),
                SlowMode: r.IsDBNull(3) ? 0 : Convert.ToInt32(r.GetValue(3), CultureInfo.InvariantCulture)),
            ct,
            ("m", Sql.Id(store.Engine, by.MemberId)), ("t", inTopic is { } topicId ? Sql.Id(store.Engine, topicId) : null))).Single();

        var now = time.GetUtcNow();
        if (pace.SlowMode > 0 && inTopic is { } here
            && Wait(await LastPostHereAsync(by.MemberId, here, now - TimeSpan.FromSeconds(pace.SlowMode), ct), TimeSpan.FromSeconds(pace.SlowMode), now) is { } slowed)
        {
            return new Refusal(
                "slow-mode", $"This discussion is in slow mode: one post every {pace.SlowMode} seconds. You can post again in {Math.Ceiling(slowed.TotalSeconds)} seconds.", null, slowed);
        }

        if (!_enabled)
        {
            return null;
        }

        var isNew = (pace.Joined is { } at && now - at < TimeSpan.FromDays(1)) || await standing.RecentTrustLevelAsync(by.MemberId, ct) == 0;
        var factor = isNew ? _newMemberFactor : 1;
        var (last, gap) = startingTopic ? (pace.LastTopic, _betweenTopics * factor) : (pace.LastPost, _betweenPosts * factor);
        return Wait(last, gap, now) is { } wait
            ? new Refusal("posting-too-fast", $"Slow down a little: you can post again in {Math.Ceiling(wait.TotalSeconds)} seconds.", null, wait)
            : null;
    }

    /// <summary>
    /// The member's latest post (held ones too) in the topic after <paramref name="since"/>, the start of the slow
    /// mode's window: only those can make them wait. Read only for a topic in slow mode, and through the author's
    /// (author, created_at) index from the window on, so it stays a few rows however much they or the topic posted
    /// (asked of every reply before, it read all the member's posts).
    /// </summary>
    private async Task<DateTimeOffset?> LastPostHereAsync(Guid memberId, Guid topicId, DateTimeOffset since, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT (SELECT max(created_at) FROM posts WHERE author_id = @m AND created_at > @since AND topic_id = @t), " +
            "(SELECT max(created_at) FROM held_posts WHERE author_id = @m AND created_at > @since AND topic_id = @t)",
            r => Latest(Sql.ReadOptionalTime(r, 0), Sql.ReadOptionalTime(r, 1)),
            ct,
            ("m", Sql.Id(store.Engine, memberId)), ("t", Sql.Id(store.Engine, topicId)), ("since", Sql.Time(store.Engine, since)))).Single();

    private static TimeSpan? Wait(DateTimeOffset? last, TimeSpan gap, DateTimeOffset now) => last is { } previous && previous + gap > now ? previous + gap - now : null;

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a > b || b is null ? a : b;

    /// <summary>The refusal a silenced member gets, with the reason and the end; null when they may write.</summary>
    public async Task<Refusal?> SilencedAsync(Actor by, CancellationToken ct) =>
        await sanctions.ActiveAsync(by.MemberId, [Domain.Moderation.SanctionKind.Silence], ct) is { } silence
            ? new Refusal("member-silenced", $"You are silenced until {silence.Until:u} and cannot post: {silence.Reason}", null)
            : null;
}
