using BrandForum.Domain.Members;
using BrandForum.Domain.Moderation;
using BrandForum.Domain.Referrals;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Referrals;

/// <summary>
/// Each referred member's way down the funnel: registered (MemberRegistered with a referrer), activated when their
/// <see cref="ReferralOptions.ActivationPosts"/>-th post that is neither deleted nor hidden falls within
/// <see cref="ReferralFunnel.ActivationWindow"/> of joining (recomputed on every publication, deletion, hiding and
/// their reversals, so a deleted post un-counts), their last post for retention, and struck while a ban stands.
///
/// Inline rather than async: an ambassador sees the activation as soon as the newcomer's post lands, and a ban
/// strikes the referral before the moderator's next read. The price is paid in the append's transaction of every
/// post: for the members nobody referred, which is nearly all of them, two writes that match no row by primary
/// key; no read. The activation count is in this projection's SQL rather than in a decider because it is a
/// question about the posts of one member across every topic, which no stream holds.
/// </summary>
public sealed class ReferralFunnelProjection(int activationPosts) : IProjection
{
    /// <summary>The time of the member's N-th surviving post within their activation window, or NULL: that is activation.</summary>
    private const string Activation =
        "activated_at = (SELECT p.at FROM referral_posts p WHERE p.member_id = referrals.member_id AND p.deleted_at IS NULL AND p.hidden_at IS NULL " +
        "AND p.at <= referrals.activation_deadline ORDER BY p.at LIMIT 1 OFFSET @offset)";

    private const string ForAuthorOfPost = "WHERE member_id = (SELECT member_id FROM referral_posts WHERE post_id = @p)";

    public string Name => "referral-funnel";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MembersSetup.EventNames[typeof(MemberRegistered)],
        TopicsSetup.EventNames[typeof(PostPublished)],
        TopicsSetup.EventNames[typeof(PostDeleted)],
        TopicsSetup.EventNames[typeof(PostRestored)],
        TopicsSetup.EventNames[typeof(PostHidden)],
        TopicsSetup.EventNames[typeof(PostUnhidden)],
        SanctionEventNames.All[typeof(SanctionImposed)],
        SanctionEventNames.All[typeof(SanctionLifted)],
    };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MemberRegistered { ReferredBy: { } referrer } r:
                    await context.WriteAsync(
                        "INSERT INTO referrals (member_id, referrer_id, code, registered_at, activation_deadline) VALUES (@m, @by, @code, @at, @deadline)",
                        ct,
                        ("m", Sql.Id(engine, r.MemberId)), ("by", Sql.Id(engine, referrer)), ("code", r.ReferralCode ?? ""),
                        ("at", Sql.Time(engine, r.At)), ("deadline", Sql.Time(engine, r.At + ReferralFunnel.ActivationWindow)));
                    break;
                case PostPublished p:
                    await context.WriteAsync(
                        "INSERT INTO referral_posts (post_id, member_id, at) SELECT @p, @m, @at WHERE EXISTS (SELECT 1 FROM referrals WHERE member_id = @m) " +
                        "ON CONFLICT (post_id) DO NOTHING",
                        ct,
                        ("p", Sql.Id(engine, p.PostId)), ("m", Sql.Id(engine, p.AuthorId)), ("at", Sql.Time(engine, p.At)));
                    await context.WriteAsync(
                        $"UPDATE referrals SET last_post_at = @at, {Activation} WHERE member_id = @m",
                        ct,
                        ("at", Sql.Time(engine, p.At)), ("offset", activationPosts - 1), ("m", Sql.Id(engine, p.AuthorId)));
                    break;
                case PostDeleted d:
                    await MarkAsync(context, "deleted_at", d.PostId, d.At, ct);
                    break;
                case PostRestored r:
                    await MarkAsync(context, "deleted_at", r.PostId, null, ct);
                    break;
                case PostHidden h:
                    await MarkAsync(context, "hidden_at", h.PostId, h.At, ct);
                    break;
                case PostUnhidden u:
                    await MarkAsync(context, "hidden_at", u.PostId, null, ct);
                    break;
                case SanctionImposed { Kind: SanctionKind.Ban } ban:
                    await context.WriteAsync(
                        "UPDATE referrals SET struck_at = @at, struck_by = @s WHERE member_id = @m",
                        ct,
                        ("at", Sql.Time(engine, ban.At)), ("s", Sql.Id(engine, ban.SanctionId)), ("m", Sql.Id(engine, ban.MemberId)));
                    break;
                case SanctionLifted lifted:
                    await context.WriteAsync(
                        "UPDATE referrals SET struck_at = NULL, struck_by = NULL WHERE struck_by = @s", ct, ("s", Sql.Id(engine, lifted.SanctionId)));
                    break;
            }
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM referral_posts", ct);
        await context.ExecuteAsync("DELETE FROM referrals", ct);
    }

    /// <summary>Sets or clears a removal mark on a referred member's post, then recomputes their activation.</summary>
    private async Task MarkAsync(ProjectionContext context, string column, Guid postId, DateTimeOffset? at, CancellationToken ct)
    {
        var post = Sql.Id(context.Engine, postId);
        await context.WriteAsync($"UPDATE referral_posts SET {column} = @at WHERE post_id = @p", ct, ("at", at is { } when ? Sql.Time(context.Engine, when) : null), ("p", post));
        await context.WriteAsync($"UPDATE referrals SET {Activation} {ForAuthorOfPost}", ct, ("offset", activationPosts - 1), ("p", post));
    }
}
