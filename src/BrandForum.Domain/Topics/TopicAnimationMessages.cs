namespace BrandForum.Domain.Topics;

/// <summary>When a poll's counts are shown to members (staff always see them).</summary>
public enum PollResults
{
    /// <summary>To everyone, at once.</summary>
    Always,

    /// <summary>To a member once they voted, and to everyone once the poll closes.</summary>
    OnVote,

    /// <summary>Only once the poll closes.</summary>
    OnClose,
}

/// <summary>A poll asked with a new topic; the handler gives it its id.</summary>
public sealed record NewPoll(Guid PollId, string Question, IReadOnlyList<string> Options, bool Multiple, DateTimeOffset? ClosesAt, PollResults Results);

/// <summary>A member's ballot: the indexes of the options chosen (exactly one in a single-choice poll). A new ballot replaces the last.</summary>
public sealed record VoteInPoll(Guid PollId, IReadOnlyList<int> Options, Actor By, DateTimeOffset At) : TopicCommand(By, At);

/// <summary>The topic's author or staff mark a reply as the solution (<see cref="PostId"/> null: undo).</summary>
public sealed record MarkSolution(Guid? PostId, Actor By, DateTimeOffset At) : TopicCommand(By, At);

/// <summary>Staff flag the topic as a contest: replies made before <see cref="Deadline"/> are its entries.</summary>
public sealed record SetContest(DateTimeOffset Deadline, Actor By, DateTimeOffset At) : TopicCommand(By, At);

/// <summary>Staff pick winning entries once the contest closed.</summary>
public sealed record PickWinners(IReadOnlyList<Guid> PostIds, Actor By, DateTimeOffset At) : TopicCommand(By, At);

public sealed record PollOpened(Guid PollId, string Question, IReadOnlyList<string> Options, bool Multiple, DateTimeOffset? ClosesAt, PollResults Results, DateTimeOffset At) : TopicEvent;

/// <summary>A member's ballot; a later one of the same member replaces it.</summary>
public sealed record PollVoted(Guid PollId, Guid MemberId, IReadOnlyList<int> Options, DateTimeOffset At) : TopicEvent;

public sealed record SolutionMarked(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record SolutionCleared(Guid PostId, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record ContestSet(DateTimeOffset Deadline, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record ContestWinner(Guid PostId, Guid MemberId);

public sealed record ContestWinnersPicked(IReadOnlyList<ContestWinner> Winners, Guid By, DateTimeOffset At) : TopicEvent;

public sealed record PollState(Guid PollId, int OptionCount, bool Multiple, DateTimeOffset? ClosesAt, IReadOnlyDictionary<Guid, IReadOnlyList<int>> Ballots)
{
    public bool IsClosedAt(DateTimeOffset at) => ClosesAt is { } closes && at >= closes;
}

public sealed record ContestState(DateTimeOffset Deadline, IReadOnlySet<Guid> Winners);
