using BrandForum.Domain.Moderation;

namespace BrandForum.Domain.Topics;

/// <summary>
/// The moderation of a topic's posts: what the community rules' verdict does to a post (reject, hold, flag, and
/// the tags and censoring recorded with it), members' flags and their weight, and the review queue (claims and
/// decisions). Rules a moderator overruled for a post never act on it again.
/// </summary>
public static partial class Topic
{
    public const int MaxNoteLength = 500;
    public const int MaxSlowModeSeconds = 24 * 3600;

    private const string HiddenByFlags = "Members flagged this post: it is hidden until a moderator reviews it.";

    private static readonly IReadOnlySet<string> NoneOverruled = new HashSet<string>(StringComparer.Ordinal);

    private static Decision<TopicEvent> Start(StartTopic s)
    {
        var screened = Screened(s.Screening, NoneOverruled, s.At);
        return screened switch
        {
            { Refusal: { } refused } => refused,
            { Hold: { } hold } => Decision<TopicEvent>.Accept(
                new TopicStarted(s.TopicId, s.Category, s.Title.Trim(), s.By.MemberId, s.At, Held: true),
                new PostHeld(s.FirstPostId, s.By.MemberId, s.Body, null, s.At, hold)),
            _ => Decision<TopicEvent>.Accept(
                [new TopicStarted(s.TopicId, s.Category, s.Title.Trim(), s.By.MemberId, s.At),
                 new PostPublished(s.FirstPostId, 1, s.By.MemberId, s.Body, null, s.At, screened.Others), .. screened.Flags(s.FirstPostId)]),
        };
    }

    /// <summary>
    /// The outcome of the rules that still apply: the most severe removal-class action wins (reject, then hold,
    /// then flag); tag, censor, notify and silence are recorded together on the post's event.
    /// </summary>
    private static Screen Screened(Screening? screening, IReadOnlySet<string> overruled, DateTimeOffset at)
    {
        if (screening is not { Hits.Count: > 0 })
        {
            return Screen.Clean;
        }

        var hits = screening.Hits.Where(h => !overruled.Contains(h.RuleId)).ToList();
        RuleTrace? TraceOf(IEnumerable<ScreenHit> some) => some.ToList() is { Count: > 0 } list
            ? new RuleTrace(screening.RulebookVersion, [.. list.Select(h => h.RuleId)], list.Select(h => h.Message).FirstOrDefault(m => m is not null),
                list.SelectMany(h => h.Tags ?? []).Distinct(StringComparer.Ordinal).ToList() is { Count: > 0 } tags ? tags : null,
                list.Any(h => h.Action == RuleAction.Notify))
            : null;
        var others = TraceOf(hits.Where(h => h.Action is not (RuleAction.Reject or RuleAction.Hold or RuleAction.Flag)));
        var severest = hits.Where(h => h.Action is RuleAction.Reject or RuleAction.Hold or RuleAction.Flag).MinBy(h => h.Action);
        return severest?.Action switch
        {
            RuleAction.Reject => new Screen(Refuse("rejected-by-rule", severest.Message ?? "This post breaks the community rules."), null, null, others, at),
            RuleAction.Hold => new Screen(null, TraceOf(hits.Where(h => h.Action == RuleAction.Hold)), null, others, at),
            RuleAction.Flag => new Screen(null, null, TraceOf(hits.Where(h => h.Action == RuleAction.Flag)), others, at),
            _ => new Screen(null, null, null, others, at),
        };
    }

    /// <summary>What screening decided: a refusal, or a hold, or a flag, plus what other rules did.</summary>
    private sealed record Screen(Decision<TopicEvent>? Refusal, RuleTrace? Hold, RuleTrace? Flag, RuleTrace? Others, DateTimeOffset At)
    {
        public static Screen Clean { get; } = new(null, null, null, null, default);

        /// <summary>A rule's flag weighs nothing: it puts the post in the queue, members' flags decide whether it is hidden.</summary>
        public IEnumerable<TopicEvent> Flags(Guid postId) =>
            Flag is { } flag ? [new PostFlagged(postId, null, FlagReason.Other, flag.Message, 0, At, flag)] : [];

        /// <summary>On an edit, a hold hides the published post pending review (a held post is in review already).</summary>
        public IEnumerable<TopicEvent> HideOrFlag(Guid postId, PostState post) =>
            post.Status == PostStatus.Held ? []
            : Hold is { } hold ? post.Hidden ? [] : [new PostHidden(postId, null, hold.Message ?? "A community rule hid this post until a moderator reviews it.", At, hold)]
            : Flags(postId);
    }

    private static Decision<TopicEvent> SlowMode(SetSlowMode m, TopicState state) =>
        m.Seconds is < 0 or > MaxSlowModeSeconds ? Refuse("invalid-seconds", $"Slow mode is 0 (off) to {MaxSlowModeSeconds} seconds.")
        : m.Seconds == state.SlowModeSeconds ? Decision<TopicEvent>.Nothing
        : Decision<TopicEvent>.Accept(new TopicSlowModeSet(m.Seconds, m.By.MemberId, m.At));

    private static Decision<TopicEvent> Flag(FlagPost f, TopicState state) => WithVisiblePost(state, f.PostId, post =>
        post.Deleted ? Refuse("post-deleted", "This post is deleted already.")
        : post.AuthorId == f.By.MemberId ? Refuse("cannot-flag-own-post", "You cannot flag your own post; edit or delete it instead.")
        : f.Note is { Length: > MaxNoteLength } ? Refuse("invalid-note", $"A note is at most {MaxNoteLength} characters.")
        : f.Reason == FlagReason.Other && string.IsNullOrWhiteSpace(f.Note) ? Refuse("invalid-note", "Say what is wrong in a note.")
        : post.Flaggers.Contains(f.By.MemberId) ? Decision<TopicEvent>.Nothing
        : !post.Hidden && post.OpenFlagWeight + f.Weight >= f.Threshold
            ? Decision<TopicEvent>.Accept(new PostFlagged(f.PostId, f.By.MemberId, f.Reason, f.Note?.Trim(), f.Weight, f.At), new PostHidden(f.PostId, null, HiddenByFlags, f.At))
            : Decision<TopicEvent>.Accept(new PostFlagged(f.PostId, f.By.MemberId, f.Reason, f.Note?.Trim(), f.Weight, f.At)));

    private static Decision<TopicEvent> Claim(ClaimReview c, TopicState state) => WithPost(state, c.PostId, post =>
        !post.InReview ? Refuse("not-in-review", "This post is not waiting for review.")
        : !c.Claim ? post.ClaimedBy is null ? Decision<TopicEvent>.Nothing : Decision<TopicEvent>.Accept(new ReviewReleased(c.PostId, c.By.MemberId, c.At))
        : post.ClaimedBy == c.By.MemberId ? Decision<TopicEvent>.Nothing
        : post.ClaimedBy is not null ? Refuse("claimed-by-another", "Another moderator is reviewing this post.")
        : Decision<TopicEvent>.Accept(new ReviewClaimed(c.PostId, c.By.MemberId, c.At)));

    private static Decision<TopicEvent> Review(ReviewPost r, TopicState state) => WithPost(state, r.PostId, post =>
    {
        if (!post.InReview)
        {
            return Refuse("not-in-review", "This post is not waiting for review (someone may have decided already).");
        }

        if (post.ClaimedBy is { } claimer && claimer != r.By.MemberId)
        {
            return Refuse("claimed-by-another", "Another moderator claimed this post.");
        }

        if (r.Reason is { Length: > MaxNoteLength })
        {
            return Refuse("invalid-reason", $"A reason is at most {MaxNoteLength} characters.");
        }

        var reason = r.Reason?.Trim();
        var by = r.By.MemberId;
        bool? upheld = post.OpenMemberFlags == 0 ? null : r.Decision != ReviewDecision.Approve;
        var decided = new ReviewDecided(r.PostId, r.Decision, reason, upheld, by, r.At);
        return (post.Status, r.Decision) switch
        {
            (PostStatus.Held, ReviewDecision.Approve) => Decision<TopicEvent>.Accept(
                decided, new PostApproved(r.PostId, by, reason, r.At),
                new PostPublished(r.PostId, state.LastNumber + 1, post.AuthorId, post.Body, post.ReplyTo, r.At)),
            (PostStatus.Held, ReviewDecision.Reject) => Decision<TopicEvent>.Accept(decided, new PostRejected(r.PostId, by, reason, r.At, post.AuthorId)),
            (PostStatus.Held, _) => Refuse("cannot-keep-or-hide-a-held-post", "A held post is approved or rejected."),
            (_, ReviewDecision.Approve or ReviewDecision.Keep) => Decision<TopicEvent>.Accept(
                post.Hidden ? [decided, new PostUnhidden(r.PostId, by, reason, r.At)] : [decided]),
            (_, ReviewDecision.Hide) => Decision<TopicEvent>.Accept(decided, new PostHidden(r.PostId, by, reason ?? "Hidden by a moderator.", r.At, Final: true)),
            _ => Decision<TopicEvent>.Accept(post.Deleted ? [decided] : [decided, new PostDeleted(r.PostId, by, r.At)]),
        };
    });

    private static TopicState EvolveReview(TopicState state, TopicEvent e) => e switch
    {
        PostHeld h => state with
        {
            Posts = With(state.Posts, h.PostId, new PostState(0, h.AuthorId, h.At, h.Body, false, new HashSet<(Guid, string)>())
            {
                Status = PostStatus.Held, ReplyTo = h.ReplyTo, InReview = true, ReviewRules = new HashSet<string>(h.Rules.RuleIds, StringComparer.Ordinal),
            }),
        },
        PostApproved a => Change(state, a.PostId, p => p with { Overruled = Union(p.Overruled, p.ReviewRules), ReviewRules = NoneOverruled }),
        PostRejected r => Change(state, r.PostId, p => p with { Status = PostStatus.Rejected, InReview = false }),
        PostHidden h => Change(state, h.PostId, p => p with
        {
            Hidden = true, InReview = !h.Final, ReviewRules = h.Rules is { } rules ? Union(p.ReviewRules, rules.RuleIds) : p.ReviewRules,
        }),
        PostUnhidden u => Change(state, u.PostId, p => p with { Hidden = false }),
        PostFlagged f => Change(state, f.PostId, p => p with
        {
            InReview = true,
            Flaggers = f.FlaggerId is { } flagger ? new HashSet<Guid>(p.Flaggers) { flagger } : p.Flaggers,
            OpenFlagWeight = p.OpenFlagWeight + f.Weight,
            OpenMemberFlags = p.OpenMemberFlags + (f.FlaggerId is null ? 0 : 1),
            ReviewRules = f.Rules is { } rules ? Union(p.ReviewRules, rules.RuleIds) : p.ReviewRules,
        }),
        ReviewDecided d => Change(state, d.PostId, p => p with
        {
            InReview = false, ClaimedBy = null, OpenFlagWeight = 0, OpenMemberFlags = 0, ReviewRules = NoneOverruled,
            Overruled = d.Decision is ReviewDecision.Approve or ReviewDecision.Keep ? Union(p.Overruled, p.ReviewRules) : p.Overruled,
        }),
        ReviewClaimed c => Change(state, c.PostId, p => p with { ClaimedBy = c.By }),
        ReviewReleased r => Change(state, r.PostId, p => p with { ClaimedBy = null }),
        TopicSlowModeSet m => state with { SlowModeSeconds = m.Seconds },
        _ => EvolveAnimation(state, e),
    };

    private static TopicState Change(TopicState state, Guid postId, Func<PostState, PostState> change) =>
        state with { Posts = With(state.Posts, postId, change(state.Posts[postId])) };

    private static HashSet<string> Union(IEnumerable<string> a, IEnumerable<string> b) => new(a.Concat(b), StringComparer.Ordinal);
}
