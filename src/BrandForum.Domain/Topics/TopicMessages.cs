using System.Collections.Immutable;
using BrandForum.Domain.Moderation;

namespace BrandForum.Domain.Topics;

/// <summary>Who acts: the handler resolves the member and whether they are staff (Moderator or Admin).</summary>
public sealed record Actor(Guid MemberId, bool IsStaff);

public abstract record TopicCommand(Actor By, DateTimeOffset At);

/// <summary>
/// Writing commands carry what the community rules said of the text (<see cref="Screening"/>, evaluated by the
/// server beforehand); the decider picks the outcome, skipping rules a moderator already overruled for the post.
/// <see cref="Poll"/>: a poll asked with the topic, if any.
/// </summary>
public sealed record StartTopic(Guid TopicId, string Category, string Title, Guid FirstPostId, string Body, Actor By, DateTimeOffset At, Screening? Screening = null, NewPoll? Poll = null)
    : TopicCommand(By, At);

public sealed record PostReply(Guid PostId, string Body, Guid? ReplyTo, Actor By, DateTimeOffset At, Screening? Screening = null) : TopicCommand(By, At);

public sealed record EditPost(Guid PostId, string Body, string? Reason, Actor By, DateTimeOffset At, Screening? Screening = null) : TopicCommand(By, At);

public sealed record DeletePost(Guid PostId, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record RestorePost(Guid PostId, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record LockTopic(bool Locked, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record PinTopic(bool Pinned, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record MoveTopic(string ToCategory, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record SetSlowMode(int Seconds, Actor By, DateTimeOffset At) : TopicCommand(By, At);

/// <summary>
/// A member flags a post. <see cref="Weight"/> (from the flagger's trust and record) and <see cref="Threshold"/>
/// (configuration) come from the server: at the threshold, the post is hidden pending review.
/// </summary>
public sealed record FlagPost(Guid PostId, FlagReason Reason, string? Note, double Weight, double Threshold, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record ClaimReview(Guid PostId, bool Claim, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record ReviewPost(Guid PostId, ReviewDecision Decision, string? Reason, Actor By, DateTimeOffset At) : TopicCommand(By, At);

/// <summary>The reaction kinds the forum allows come with the command: they are configuration, not domain rules.</summary>
public sealed record React(Guid PostId, string Kind, bool Add, IReadOnlySet<string> AllowedKinds, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public abstract record TopicEvent;

/// <summary><see cref="Held"/>: the opening post waits for a moderator, and so the whole topic is seen only by its author and staff.</summary>
public sealed record TopicStarted(Guid TopicId, string Category, string Title, Guid AuthorId, DateTimeOffset At, bool Held = false) : TopicEvent;

/// <summary>
/// A post became visible; <see cref="Number"/> counts from 1 (the opening post) and never repeats. A held post is
/// published (numbered) when a moderator approves it. <see cref="Rules"/>: the rules that tagged or censored it.
/// </summary>
public sealed record PostPublished(Guid PostId, int Number, Guid AuthorId, string Body, Guid? ReplyTo, DateTimeOffset At, RuleTrace? Rules = null) : TopicEvent;

public sealed record PostEdited(Guid PostId, string Body, string? Reason, Guid EditorId, DateTimeOffset At, RuleTrace? Rules = null) : TopicEvent;

/// <summary>A rule held the post: nobody but its author and staff sees it until a moderator decides. It has no number yet.</summary>
public sealed record PostHeld(Guid PostId, Guid AuthorId, string Body, Guid? ReplyTo, DateTimeOffset At, RuleTrace Rules) : TopicEvent;

/// <summary>A moderator approved a held post (a <see cref="PostPublished"/> follows); the holding rules never hold it again.</summary>
public sealed record PostApproved(Guid PostId, Guid By, string? Reason, DateTimeOffset At) : TopicEvent;

/// <summary>A moderator refused a held post: it is never published.</summary>
/// <remarks><see cref="AuthorId"/> spares readers a replay of the topic to tell the author (null in events recorded before it was added).</remarks>
public sealed record PostRejected(Guid PostId, Guid By, string? Reason, DateTimeOffset At, Guid? AuthorId = null) : TopicEvent;

/// <summary>
/// A published post is hidden from everyone but its author and staff: by flags reaching the threshold (no
/// <see cref="By"/>), by a rule on an edit (<see cref="Rules"/>), or by a moderator's decision (<see cref="Final"/>).
/// </summary>
public sealed record PostHidden(Guid PostId, Guid? By, string Reason, DateTimeOffset At, RuleTrace? Rules = null, bool Final = false) : TopicEvent;

public sealed record PostUnhidden(Guid PostId, Guid By, string? Reason, DateTimeOffset At) : TopicEvent;

/// <summary>A flag: by a member (<see cref="FlaggerId"/>, with its weight) or by a rule (<see cref="Rules"/>, weight 0: it only queues the post).</summary>
public sealed record PostFlagged(Guid PostId, Guid? FlaggerId, FlagReason Reason, string? Note, double Weight, DateTimeOffset At, RuleTrace? Rules = null) : TopicEvent;

/// <summary>
/// A moderator closed the post's review. <see cref="FlagsUpheld"/>: whether the flags were right (true), wrong
/// (false) or neither (null, no flags) — it weighs the flaggers' next flags.
/// </summary>
public sealed record ReviewDecided(Guid PostId, ReviewDecision Decision, string? Reason, bool? FlagsUpheld, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record ReviewClaimed(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record ReviewReleased(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

/// <summary>Slow mode: each member posts at most once per <see cref="Seconds"/> in this topic (0: off).</summary>
public sealed record TopicSlowModeSet(int Seconds, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record PostDeleted(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record PostRestored(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicLocked(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicUnlocked(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicPinned(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicUnpinned(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicMoved(string From, string To, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record ReactionAdded(Guid PostId, string Kind, Guid MemberId, DateTimeOffset At) : TopicEvent;

public sealed record ReactionRemoved(Guid PostId, string Kind, Guid MemberId, DateTimeOffset At) : TopicEvent;

/// <summary>Why a member flags a post (API.md, Moderation); <c>other</c> needs a note.</summary>
public enum FlagReason
{
    Spam,
    Inappropriate,
    OffTopic,
    Harassment,
    Other,
}

/// <summary>
/// A moderator's decision on a post under review, as Discourse names them: approve (the post is fine — a held
/// post is published, a hidden one shown, flags were wrong), keep (flags were right but the post stays), hide
/// (flags were right, the post stays hidden), reject (a held post is dropped, a published one deleted).
/// </summary>
public enum ReviewDecision
{
    Approve,
    Reject,
    Keep,
    Hide,
}

/// <summary>
/// Which published rules acted on a post, and what they said: recorded on every event a rule caused.
/// <see cref="Notify"/>: a rule asked to alert the moderators.
/// </summary>
public sealed record RuleTrace(int RulebookVersion, IReadOnlyList<string> RuleIds, string? Message = null, IReadOnlyList<string>? Tags = null, bool Notify = false);

/// <summary>One rule that matched the submitted text.</summary>
public sealed record ScreenHit(string RuleId, RuleAction Action, string? Message = null, IReadOnlyList<string>? Tags = null);

/// <summary>What the community rules said of a text, every matching rule included (the decider drops the overruled ones).</summary>
public sealed record Screening(int RulebookVersion, IReadOnlyList<ScreenHit> Hits)
{
    public static Screening None { get; } = new(0, []);
}

public enum PostStatus
{
    Published,
    Held,
    Rejected,
}

public sealed record PostState(int Number, Guid AuthorId, DateTimeOffset PublishedAt, string Body, bool Deleted, IReadOnlySet<(Guid Member, string Kind)> Reactions)
{
    public PostStatus Status { get; init; } = PostStatus.Published;

    public Guid? ReplyTo { get; init; }

    public bool Hidden { get; init; }

    /// <summary>Waiting in the moderators' queue (held, flagged or hidden pending review).</summary>
    public bool InReview { get; init; }

    public Guid? ClaimedBy { get; init; }

    /// <summary>Members who flagged the post, ever (one flag each), and the weight of the flags not yet decided.</summary>
    public IReadOnlySet<Guid> Flaggers { get; init; } = new HashSet<Guid>();

    public double OpenFlagWeight { get; init; }

    /// <summary>Members' flags not yet decided (rules' flags weigh nothing and are not counted here).</summary>
    public int OpenMemberFlags { get; init; }

    /// <summary>Rules a moderator decided against for this post: they never act on it again.</summary>
    public IReadOnlySet<string> Overruled { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    /// <summary>The rules that put the post under review; overruled if a moderator approves or keeps it.</summary>
    public IReadOnlySet<string> ReviewRules { get; init; } = new HashSet<string>(StringComparer.Ordinal);

    public bool IsVisible => Status == PostStatus.Published;
}

public sealed record TopicState(
    bool Exists, string Category, string Title, bool Locked, bool Pinned, int LastNumber, ImmutableDictionary<Guid, PostState> Posts)
{
    public static TopicState Initial { get; } = new(false, "", "", false, false, 0, ImmutableDictionary<Guid, PostState>.Empty);

    /// <summary>The opening post waits for a moderator: nobody may reply yet.</summary>
    public bool Held { get; init; }

    public int SlowModeSeconds { get; init; }

    /// <summary>Who started the topic: they may mark its solution.</summary>
    public Guid AuthorId { get; init; }

    public PollState? Poll { get; init; }

    /// <summary>The reply marked as the solution, if any.</summary>
    public Guid? SolvedBy { get; init; }

    public ContestState? Contest { get; init; }
}
