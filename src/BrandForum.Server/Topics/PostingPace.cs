using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// Whether a member may post now: not while silenced (a sanction: they read and react, they do not write), and
/// at a pace (defaults: 5 s between posts, 15 s between topics, three times that for members who joined less than
/// a day ago; staff exempt), from Forum:RateLimits, the pace off with Forum:RateLimits:Enabled=false.
/// It reads the member's last post and topic from the read model, so it holds across nodes. A soft limit:
/// two posts sent in the same instant may both pass.
/// </summary>
public sealed class PostingPace(SqlEventStore store, Moderation.SanctionReads sanctions, IConfiguration configuration, TimeProvider time)
{
    private readonly bool _enabled = configuration.GetValue("Forum:RateLimits:Enabled", true);
    private readonly TimeSpan _betweenPosts = TimeSpan.FromSeconds(configuration.GetValue("Forum:RateLimits:SecondsBetweenPosts", 5));
    private readonly TimeSpan _betweenTopics = TimeSpan.FromSeconds(configuration.GetValue("Forum:RateLimits:SecondsBetweenTopics", 15));
    private readonly int _newMemberFactor = configuration.GetValue("Forum:RateLimits:NewMemberFactor", 3);

    public async Task<Refusal?> CheckAsync(Actor by, bool startingTopic, CancellationToken ct)
    {
        if (await SilencedAsync(by, ct) is { } silenced)
        {
            return silenced;
        }

        if (!_enabled || by.IsStaff)
        {
            return null;
        }

        var member = Sql.Id(store.Engine, by.MemberId);
        var (lastPost, lastTopic, joined) = (await store.QueryAsync(
            "SELECT (SELECT max(created_at) FROM posts WHERE author_id = @m), (SELECT max(created_at) FROM topics WHERE author_id = @m), " +
            "(SELECT joined_at FROM member_cards WHERE member_id = @m)",
            r => (Sql.ReadOptionalTime(r, 0), Sql.ReadOptionalTime(r, 1), Sql.ReadOptionalTime(r, 2)),
            ct,
            ("m", member))).Single();

        var now = time.GetUtcNow();
        var factor = joined is { } at && now - at < TimeSpan.FromDays(1) ? _newMemberFactor : 1;
        var (last, gap) = startingTopic ? (lastTopic, _betweenTopics * factor) : (lastPost, _betweenPosts * factor);
        var wait = last is { } previous ? previous + gap - now : TimeSpan.Zero;
        return wait > TimeSpan.Zero
            ? new Refusal("posting-too-fast", $"Slow down a little: you can post again in {Math.Ceiling(wait.TotalSeconds)} seconds.", null, wait)
            : null;
    }

    /// <summary>The refusal a silenced member gets, with the reason and the end; null when they may write.</summary>
    public async Task<Refusal?> SilencedAsync(Actor by, CancellationToken ct) =>
        await sanctions.ActiveAsync(by.MemberId, [Domain.Moderation.SanctionKind.Silence], ct) is { } silence
            ? new Refusal("member-silenced", $"You are silenced until {silence.Until:u} and cannot post: {silence.Reason}", null)
            : null;
}
