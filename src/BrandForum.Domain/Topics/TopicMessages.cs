namespace BrandForum.Domain.Topics;

/// <summary>Who acts: the handler resolves the member and whether they are staff (Moderator or Admin).</summary>
public sealed record Actor(Guid MemberId, bool IsStaff);

public abstract record TopicCommand(Actor By, DateTimeOffset At);

public sealed record StartTopic(Guid TopicId, string Category, string Title, Guid FirstPostId, string Body, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record PostReply(Guid PostId, string Body, Guid? ReplyTo, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record EditPost(Guid PostId, string Body, string? Reason, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record DeletePost(Guid PostId, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record RestorePost(Guid PostId, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record LockTopic(bool Locked, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record PinTopic(bool Pinned, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record MoveTopic(string ToCategory, Actor By, DateTimeOffset At) : TopicCommand(By, At);

/// <summary>The reaction kinds the forum allows come with the command: they are configuration, not domain rules.</summary>
public sealed record React(Guid PostId, string Kind, bool Add, IReadOnlySet<string> AllowedKinds, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public abstract record TopicEvent;

public sealed record TopicStarted(Guid TopicId, string Category, string Title, Guid AuthorId, DateTimeOffset At) : TopicEvent;

/// <summary>A post became visible; <see cref="Number"/> counts from 1 (the opening post) and never repeats.</summary>
public sealed record PostPublished(Guid PostId, int Number, Guid AuthorId, string Body, Guid? ReplyTo, DateTimeOffset At) : TopicEvent;

public sealed record PostEdited(Guid PostId, string Body, string? Reason, Guid EditorId, DateTimeOffset At) : TopicEvent;

public sealed record PostDeleted(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record PostRestored(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicLocked(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicUnlocked(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicPinned(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicUnpinned(Guid By, DateTimeOffset At) : TopicEvent;

public sealed record TopicMoved(string From, string To, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record ReactionAdded(Guid PostId, string Kind, Guid MemberId, DateTimeOffset At) : TopicEvent;

public sealed record ReactionRemoved(Guid PostId, string Kind, Guid MemberId, DateTimeOffset At) : TopicEvent;

public sealed record PostState(int Number, Guid AuthorId, DateTimeOffset PublishedAt, string Body, bool Deleted, IReadOnlySet<(Guid Member, string Kind)> Reactions);

public sealed record TopicState(
    bool Exists, string Category, string Title, bool Locked, bool Pinned, int LastNumber, IReadOnlyDictionary<Guid, PostState> Posts)
{
    public static TopicState Initial { get; } = new(false, "", "", false, false, 0, new Dictionary<Guid, PostState>());
}
