namespace BrandForum.Domain.Topics;

/// <summary>
/// What a community manager animates a topic with: a poll asked with it, the reply marked as its solution, and a
/// contest (entries are replies made before the deadline; staff pick winners). All of it lives in the topic's
/// stream: it belongs to the topic, is read with it, and follows its access and its held state.
/// </summary>
public static partial class Topic
{
    public const int MaxPollQuestionLength = 300;
    public const int MaxPollOptionLength = 200;
    public const int MinPollOptions = 2;
    public const int MaxPollOptions = 20;

    private static Decision<TopicEvent>? CheckPoll(NewPoll? poll, DateTimeOffset at) => poll switch
    {
        null => null,
        { Question: var q } when string.IsNullOrWhiteSpace(q) || q.Trim().Length > MaxPollQuestionLength =>
            Refuse("invalid-poll-question", $"A poll's question is 1–{MaxPollQuestionLength} characters."),
        { Options: var o } when o.Count is < MinPollOptions or > MaxPollOptions || o.Any(x => string.IsNullOrWhiteSpace(x) || x.Trim().Length > MaxPollOptionLength) =>
            Refuse("invalid-poll-options", $"A poll has {MinPollOptions}–{MaxPollOptions} options of 1–{MaxPollOptionLength} characters each."),
        { ClosesAt: { } closes } when closes <= at => Refuse("invalid-poll-closes-at", "A poll closes in the future."),
        _ => null,
    };

    /// <summary>The poll opens right after the topic starts (held or not: it shows once the topic does).</summary>
    private static Decision<TopicEvent> WithPoll(NewPoll? poll, DateTimeOffset at, Decision<TopicEvent> started) =>
        poll is null || started.IsRefused
            ? started
            : Decision<TopicEvent>.Accept([started.Events[0], new PollOpened(poll.PollId, poll.Question.Trim(), [.. poll.Options.Select(o => o.Trim())], poll.Multiple, poll.ClosesAt, poll.Results, at), .. started.Events.Skip(1)]);

    private static Decision<TopicEvent> Vote(VoteInPoll v, TopicState state)
    {
        if (state.Poll is not { } poll || poll.PollId != v.PollId)
        {
            return Refuse("poll-not-found", "There is no such poll.");
        }

        if (state.Held)
        {
            return Refuse("topic-held", "This topic waits for a moderator: its poll opens once it is approved.");
        }

        if (poll.IsClosedAt(v.At))
        {
            return Refuse("poll-closed", "This poll is closed.");
        }

        var chosen = v.Options.Distinct().Order().ToList();
        if (chosen.Count == 0 || chosen.Count != v.Options.Count || chosen.Any(i => i < 0 || i >= poll.OptionCount) || (!poll.Multiple && chosen.Count != 1))
        {
            return Refuse("invalid-vote", poll.Multiple ? "Choose one or more of the poll's options, each once." : "Choose exactly one of the poll's options.");
        }

        return poll.Ballots.TryGetValue(v.By.MemberId, out var ballot) && ballot.SequenceEqual(chosen)
            ? Decision<TopicEvent>.Nothing
            : Decision<TopicEvent>.Accept(new PollVoted(v.PollId, v.By.MemberId, chosen, v.At));
    }

    private static Decision<TopicEvent> Solve(MarkSolution m, TopicState state)
    {
        if (m.By.MemberId != state.AuthorId && !m.By.IsStaff)
        {
            return Refuse("not-allowed", "Only the topic's author or a moderator can mark its solution.");
        }

        if (m.PostId is not { } postId)
        {
            return state.SolvedBy is { } solution ? Decision<TopicEvent>.Accept(new SolutionCleared(solution, m.By.MemberId, m.At)) : Decision<TopicEvent>.Nothing;
        }

        return state.Posts.GetValueOrDefault(postId) is not { IsVisible: true, Hidden: false, Deleted: false, Number: > 1 }
            ? Refuse("not-a-reply", "A solution is a published reply of this topic.")
            : state.SolvedBy == postId ? Decision<TopicEvent>.Nothing
            : Decision<TopicEvent>.Accept(new SolutionMarked(postId, m.By.MemberId, m.At));
    }

    private static Decision<TopicEvent> Contest(SetContest c, TopicState state) =>
        c.Deadline <= c.At ? Refuse("invalid-deadline", "A contest's deadline is in the future.")
        : state.Contest?.Deadline == c.Deadline ? Decision<TopicEvent>.Nothing
        : state.Contest is { Winners.Count: > 0 } ? Refuse("contest-decided", "This contest's winners are picked.")
        : Decision<TopicEvent>.Accept(new ContestSet(c.Deadline, c.By.MemberId, c.At));

    private static Decision<TopicEvent> Winners(PickWinners p, TopicState state)
    {
        if (state.Contest is not { } contest)
        {
            return Refuse("not-a-contest", "This topic is not a contest.");
        }

        if (p.At < contest.Deadline)
        {
            return Refuse("contest-open", "Winners are picked once the contest's deadline has passed.");
        }

        if (p.PostIds.Count == 0)
        {
            return Refuse("invalid-winners", "Name at least one winning post.");
        }

        var entries = p.PostIds.Distinct().Select(id => (Id: id, Post: state.Posts.GetValueOrDefault(id))).ToList();
        if (entries.Any(e => e.Post is not { IsVisible: true, Hidden: false, Deleted: false, Number: > 1 } post || post.PublishedAt >= contest.Deadline))
        {
            return Refuse("not-an-entry", "A winner is a published reply made before the contest's deadline.");
        }

        var fresh = entries.Where(e => !contest.Winners.Contains(e.Id)).Select(e => new ContestWinner(e.Id, e.Post!.AuthorId)).ToList();
        return fresh.Count == 0 ? Decision<TopicEvent>.Nothing : Decision<TopicEvent>.Accept(new ContestWinnersPicked(fresh, p.By.MemberId, p.At));
    }

    /// <summary>A contest closes to members at its deadline (staff may still post, e.g. to announce the winners).</summary>
    private static Decision<TopicEvent>? CheckContestOpen(PostReply r, TopicState state) =>
        state.Contest is { } contest && r.At >= contest.Deadline && !r.By.IsStaff
            ? Refuse("contest-closed", "This contest is closed: replies after its deadline are not accepted.")
            : null;

    private static TopicState EvolveAnimation(TopicState state, TopicEvent e) => e switch
    {
        PollOpened o => state with { Poll = new PollState(o.PollId, o.Options.Count, o.Multiple, o.ClosesAt, new Dictionary<Guid, IReadOnlyList<int>>()) },
        PollVoted v when state.Poll is { } poll => state with { Poll = poll with { Ballots = new Dictionary<Guid, IReadOnlyList<int>>(poll.Ballots) { [v.MemberId] = v.Options } } },
        SolutionMarked s => state with { SolvedBy = s.PostId },
        SolutionCleared => state with { SolvedBy = null },
        ContestSet c => state with { Contest = new ContestState(c.Deadline, state.Contest?.Winners ?? new HashSet<Guid>()) },
        ContestWinnersPicked w when state.Contest is { } contest => state with
        {
            Contest = contest with { Winners = new HashSet<Guid>(contest.Winners.Concat(w.Winners.Select(x => x.PostId))) },
        },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown topic event."),
    };
}
