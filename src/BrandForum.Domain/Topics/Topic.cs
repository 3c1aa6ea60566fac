using System.Collections.Immutable;

namespace BrandForum.Domain.Topics;

/// <summary>
/// A discussion: its posts live in its stream. Authors start, reply, edit (within a day; staff always) and
/// delete (softly) their posts; staff restore posts, lock, pin and move topics; members react. Everything
/// impure (ids, time, who is staff, the allowed reactions, what the rules said) arrives on the command.
/// Moderation of posts (rules' outcomes, flags, the review queue) is in <c>TopicReview.cs</c>.
/// </summary>
public static partial class Topic
{
    public const int MinTitleLength = 5;
    public const int MaxTitleLength = 200;
    public const int MaxBodyLength = 32_000;
    public static readonly TimeSpan AuthorEditWindow = TimeSpan.FromHours(24);

    public static Decider<TopicCommand, TopicEvent, TopicState> Decider { get; } = new(TopicState.Initial, Decide, Evolve);

    public static Decision<TopicEvent> Decide(TopicCommand command, TopicState state) => command switch
    {
        StartTopic when state.Exists => Refuse("topic-exists", "This topic already exists."),
        StartTopic s => CheckTitle(s.Title) ?? CheckBody(s.Body) ?? CheckPoll(s.Poll, s.At) ?? WithPoll(s.Poll, s.At, Start(s)),
        _ when !state.Exists => Refuse("topic-not-found", "There is no such topic."),
        PostReply r => Reply(r, state),
        EditPost e => Edit(e, state),
        DeletePost d => WithVisiblePost(state, d.PostId, post =>
            post.AuthorId != d.By.MemberId && !d.By.IsStaff ? Refuse("not-allowed", "Only the author or a moderator can delete this post.")
            : post.Deleted ? Decision<TopicEvent>.Nothing
            : Decision<TopicEvent>.Accept(new PostDeleted(d.PostId, d.By.MemberId, d.At))),
        RestorePost r => WithVisiblePost(state, r.PostId, post =>
            !r.By.IsStaff ? Refuse("not-allowed", "Only a moderator can restore a post.")
            : !post.Deleted ? Decision<TopicEvent>.Nothing
            : Decision<TopicEvent>.Accept(new PostRestored(r.PostId, r.By.MemberId, r.At))),
        LockTopic or PinTopic or MoveTopic or SetSlowMode or ClaimReview or ReviewPost or SetContest or PickWinners when !command.By.IsStaff => Refuse("not-allowed", "Only a moderator can do this."),
        LockTopic l when l.Locked == state.Locked => Decision<TopicEvent>.Nothing,
        LockTopic l => Decision<TopicEvent>.Accept(l.Locked ? new TopicLocked(l.By.MemberId, l.At) : new TopicUnlocked(l.By.MemberId, l.At)),
        PinTopic p when p.Pinned == state.Pinned => Decision<TopicEvent>.Nothing,
        PinTopic p => Decision<TopicEvent>.Accept(p.Pinned ? new TopicPinned(p.By.MemberId, p.At) : new TopicUnpinned(p.By.MemberId, p.At)),
        MoveTopic m when m.ToCategory == state.Category => Decision<TopicEvent>.Nothing,
        MoveTopic m => Decision<TopicEvent>.Accept(new TopicMoved(state.Category, m.ToCategory, m.By.MemberId, m.At)),
        React r => ReactTo(r, state),
        SetSlowMode m => SlowMode(m, state),
        FlagPost f => Flag(f, state),
        ClaimReview c => Claim(c, state),
        ReviewPost r => Review(r, state),
        VoteInPoll v => Vote(v, state),
        MarkSolution m => Solve(m, state),
        SetContest c => Contest(c, state),
        PickWinners p => Winners(p, state),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown topic command."),
    };

    public static TopicState Evolve(TopicState state, TopicEvent e) => e switch
    {
        TopicStarted s => state with { Exists = true, Category = s.Category, Title = s.Title, Held = s.Held, AuthorId = s.AuthorId },
        PostPublished p => state with
        {
            LastNumber = p.Number,
            Held = state.Held && p.Number != 1,
            Posts = With(state.Posts, p.PostId, new PostState(p.Number, p.AuthorId, p.At, p.Body, false, new HashSet<(Guid, string)>())
            {
                ReplyTo = p.ReplyTo,
                Overruled = state.Posts.TryGetValue(p.PostId, out var held) ? held.Overruled : new HashSet<string>(StringComparer.Ordinal),
                Flaggers = held?.Flaggers ?? new HashSet<Guid>(),
            }),
        },
        PostEdited p => state with { Posts = With(state.Posts, p.PostId, state.Posts[p.PostId] with { Body = p.Body }) },
        PostDeleted p => state with { Posts = With(state.Posts, p.PostId, state.Posts[p.PostId] with { Deleted = true }) },
        PostRestored p => state with { Posts = With(state.Posts, p.PostId, state.Posts[p.PostId] with { Deleted = false }) },
        TopicLocked => state with { Locked = true },
        TopicUnlocked => state with { Locked = false },
        TopicPinned => state with { Pinned = true },
        TopicUnpinned => state with { Pinned = false },
        TopicMoved m => state with { Category = m.To },
        ReactionAdded r => state with
        {
            Posts = With(state.Posts, r.PostId, state.Posts[r.PostId] with { Reactions = new HashSet<(Guid, string)>(state.Posts[r.PostId].Reactions) { (r.MemberId, r.Kind) } }),
        },
        ReactionRemoved r => state with
        {
            Posts = With(state.Posts, r.PostId, state.Posts[r.PostId] with { Reactions = new HashSet<(Guid, string)>(state.Posts[r.PostId].Reactions.Where(x => x != (r.MemberId, r.Kind))) }),
        },
        _ => EvolveReview(state, e),
    };

    private static Decision<TopicEvent> Reply(PostReply r, TopicState state)
    {
        if (state.Held)
        {
            return Refuse("topic-held", "This topic waits for a moderator: replies open once it is approved.");
        }

        if (state.Locked && !r.By.IsStaff)
        {
            return Refuse("topic-locked", "This topic is locked: no new replies.");
        }

        if (CheckContestOpen(r, state) is { } closed)
        {
            return closed;
        }

        if (state.Posts.ContainsKey(r.PostId))
        {
            return Decision<TopicEvent>.Nothing; // the same reply sent twice
        }

        if (r.ReplyTo is { } quoted && state.Posts.GetValueOrDefault(quoted) is not { IsVisible: true })
        {
            return Refuse("post-not-found", "The post you reply to is not in this topic.");
        }

        return CheckBody(r.Body) ?? Screened(r.Screening, NoneOverruled, r.At) switch
        {
            { Refusal: { } refused } => refused,
            { Hold: { } hold } => Decision<TopicEvent>.Accept(new PostHeld(r.PostId, r.By.MemberId, r.Body, r.ReplyTo, r.At, hold)),
            var screened => Decision<TopicEvent>.Accept(
                [new PostPublished(r.PostId, state.LastNumber + 1, r.By.MemberId, r.Body, r.ReplyTo, r.At, screened.Others), .. screened.Flags(r.PostId)]),
        };
    }

    private static Decision<TopicEvent> Edit(EditPost e, TopicState state) => WithPost(state, e.PostId, post =>
        post.AuthorId != e.By.MemberId && !e.By.IsStaff ? Refuse("not-allowed", "Only the author or a moderator can edit this post.")
        : post.Deleted ? Refuse("post-deleted", "A deleted post cannot be edited.")
        : !e.By.IsStaff && e.At - post.PublishedAt > AuthorEditWindow ? Refuse("edit-window-closed", "Posts can be edited for 24 hours; ask a moderator.")
        : e.Reason is { Length: > 200 } ? Refuse("invalid-reason", "An edit reason is at most 200 characters.")
        : e.Body == post.Body ? Decision<TopicEvent>.Nothing
        : CheckBody(e.Body) ?? Screened(e.Screening, post.Overruled, e.At) switch
        {
            { Refusal: { } refused } => refused,
            var screened => Decision<TopicEvent>.Accept(
                [new PostEdited(e.PostId, e.Body, e.Reason?.Trim(), e.By.MemberId, e.At, screened.Others), .. screened.HideOrFlag(e.PostId, post)]),
        });

    private static Decision<TopicEvent> ReactTo(React r, TopicState state) => WithVisiblePost(state, r.PostId, post =>
        !r.AllowedKinds.Contains(r.Kind) ? Refuse("unknown-reaction", $"Reactions: {string.Join(", ", r.AllowedKinds)}.")
        : post.Deleted ? Refuse("post-deleted", "A deleted post cannot get reactions.")
        : r.Add == post.Reactions.Contains((r.By.MemberId, r.Kind)) ? Decision<TopicEvent>.Nothing
        : Decision<TopicEvent>.Accept(r.Add
            ? new ReactionAdded(r.PostId, r.Kind, r.By.MemberId, r.At)
            : new ReactionRemoved(r.PostId, r.Kind, r.By.MemberId, r.At)));

    /// <summary>A post that exists (a held one too: its author edits it, moderators decide on it); a rejected post does not.</summary>
    private static Decision<TopicEvent> WithPost(TopicState state, Guid postId, Func<PostState, Decision<TopicEvent>> decide) =>
        state.Posts.TryGetValue(postId, out var post) && post.Status != PostStatus.Rejected ? decide(post) : Refuse("post-not-found", "There is no such post in this topic.");

    /// <summary>A published post: what members delete, restore, react to and flag.</summary>
    private static Decision<TopicEvent> WithVisiblePost(TopicState state, Guid postId, Func<PostState, Decision<TopicEvent>> decide) =>
        state.Posts.TryGetValue(postId, out var post) && post.IsVisible ? decide(post) : Refuse("post-not-found", "There is no such post in this topic.");

    private static Decision<TopicEvent>? CheckTitle(string title) => title.Trim().Length is < MinTitleLength or > MaxTitleLength
        ? Refuse("invalid-title", $"A title is {MinTitleLength}–{MaxTitleLength} characters.")
        : null;

    private static Decision<TopicEvent>? CheckBody(string body) => string.IsNullOrWhiteSpace(body) || body.Length > MaxBodyLength
        ? Refuse("invalid-body", "A post is 1 to 32,000 characters.")
        : null;

    private static Decision<TopicEvent> Refuse(string code, string message) => Decision<TopicEvent>.Refuse(code, message);

    /// <summary>The posts with one added or replaced: a persistent map, so a reply to a topic of thousands of posts does not copy them all.</summary>
    private static ImmutableDictionary<Guid, PostState> With(ImmutableDictionary<Guid, PostState> posts, Guid id, PostState post) =>
        posts.SetItem(id, post);
}
