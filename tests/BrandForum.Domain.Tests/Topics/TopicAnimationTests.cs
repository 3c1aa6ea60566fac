using BrandForum.Domain.Topics;

namespace BrandForum.Domain.Tests.Topics;

public sealed class TopicAnimationTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid TopicId = Guid.Parse("0197b000-0000-7000-8000-000000000001");
    private static readonly Guid PollId = Guid.Parse("0197b000-0000-7000-8000-0000000000aa");
    private static readonly Guid First = Guid.Parse("0197b000-0000-7000-8000-0000000000f1");
    private static readonly Guid Second = Guid.Parse("0197b000-0000-7000-8000-0000000000f2");
    private static readonly Guid Third = Guid.Parse("0197b000-0000-7000-8000-0000000000f3");
    private static readonly Actor Alice = new(Guid.Parse("0197b000-0000-7000-8000-00000000a11c"), false);
    private static readonly Actor Bob = new(Guid.Parse("0197b000-0000-7000-8000-000000000b0b"), false);
    private static readonly Actor Moderator = new(Guid.Parse("0197b000-0000-7000-8000-0000000000cc"), true);
    private static readonly TopicStarted Started = new(TopicId, "news", "Which colour?", Alice.MemberId, At);
    private static readonly PollOpened Opened = new(PollId, "Which colour?", ["Red", "Blue", "Green"], false, At.AddDays(1), PollResults.OnVote, At);
    private static readonly PostPublished Opening = new(First, 1, Alice.MemberId, "Vote below.", null, At);
    private static readonly PostPublished BobReplied = new(Second, 2, Bob.MemberId, "Blue, surely.", null, At.AddMinutes(1));

    private static Scenario<TopicCommand, TopicEvent, TopicState> Topic => Spec.For(Domain.Topics.Topic.Decider);

    private static NewPoll Poll(params string[] options) => new(PollId, " Which colour? ", options, false, At.AddDays(1), PollResults.OnVote);

    [Fact]
    public void OpensAPollRightAfterTheTopicStarts() =>
        Topic.When(new StartTopic(TopicId, "news", "Which colour?", First, "Vote below.", Alice, At, Poll: Poll("Red", " Blue ", "Green"))).Then(Started, Opened, Opening);

    [Fact]
    public void RefusesABadPoll()
    {
        StartTopic Start(NewPoll poll) => new(TopicId, "news", "Which colour?", First, "Vote below.", Alice, At, Poll: poll);
        Topic.When(Start(Poll("Only one"))).ThenFails("invalid-poll-options");
        Topic.When(Start(Poll([.. Enumerable.Range(0, 21).Select(i => $"Option {i}")]))).ThenFails("invalid-poll-options");
        Topic.When(Start(Poll("Red", " "))).ThenFails("invalid-poll-options");
        Topic.When(Start(Poll("Red", new string('b', 201)))).ThenFails("invalid-poll-options");
        Topic.When(Start(Poll("Red", "Blue") with { Question = "  " })).ThenFails("invalid-poll-question");
        Topic.When(Start(Poll("Red", "Blue") with { Question = new string('q', 301) })).ThenFails("invalid-poll-question");
        Topic.When(Start(Poll("Red", "Blue") with { ClosesAt = At })).ThenFails("invalid-poll-closes-at");
    }

    [Fact]
    public void RecordsABallotAndItsChangeButNotTheSameBallotTwice()
    {
        var voted = new PollVoted(PollId, Bob.MemberId, [1], At.AddMinutes(2));
        Topic.Given(Started, Opened, Opening).When(new VoteInPoll(PollId, [1], Bob, At.AddMinutes(2))).Then(voted);
        Topic.Given(Started, Opened, Opening, voted).When(new VoteInPoll(PollId, [1], Bob, At.AddMinutes(3))).ThenNothing();
        Topic.Given(Started, Opened, Opening, voted).When(new VoteInPoll(PollId, [2], Bob, At.AddMinutes(3))).Then(new PollVoted(PollId, Bob.MemberId, [2], At.AddMinutes(3)));
    }

    [Fact]
    public void RefusesBallotsOutOfRangeOrOfTheWrongSize()
    {
        Topic.Given(Started, Opened, Opening).When(new VoteInPoll(PollId, [3], Bob, At)).ThenFails("invalid-vote");
        Topic.Given(Started, Opened, Opening).When(new VoteInPoll(PollId, [-1], Bob, At)).ThenFails("invalid-vote");
        Topic.Given(Started, Opened, Opening).When(new VoteInPoll(PollId, [0, 1], Bob, At)).ThenFails("invalid-vote");
        Topic.Given(Started, Opened, Opening).When(new VoteInPoll(PollId, [], Bob, At)).ThenFails("invalid-vote");
        var multiple = Opened with { Multiple = true };
        Topic.Given(Started, multiple, Opening).When(new VoteInPoll(PollId, [2, 0], Bob, At)).Then(new PollVoted(PollId, Bob.MemberId, [0, 2], At));
        Topic.Given(Started, multiple, Opening).When(new VoteInPoll(PollId, [1, 1], Bob, At)).ThenFails("invalid-vote");
    }

    [Fact]
    public void RefusesBallotsOnAClosedPollOrAnotherPoll()
    {
        Topic.Given(Started, Opened, Opening).When(new VoteInPoll(PollId, [0], Bob, At.AddDays(1))).ThenFails("poll-closed");
        Topic.Given(Started, Opened, Opening).When(new VoteInPoll(Guid.NewGuid(), [0], Bob, At)).ThenFails("poll-not-found");
        Topic.Given(Started, Opening).When(new VoteInPoll(PollId, [0], Bob, At)).ThenFails("poll-not-found");
        Topic.Given(Started with { Held = true }, Opened).When(new VoteInPoll(PollId, [0], Bob, At)).ThenFails("topic-held");
    }

    [Fact]
    public void TheAuthorOrStaffMarkAPublishedReplyAsTheSolutionAndUndoIt()
    {
        var marked = new SolutionMarked(Second, Alice.MemberId, At.AddMinutes(5));
        Topic.Given(Started, Opening, BobReplied).When(new MarkSolution(Second, Alice, At.AddMinutes(5))).Then(marked);
        Topic.Given(Started, Opening, BobReplied).When(new MarkSolution(Second, Moderator, At.AddMinutes(5))).Then(marked with { By = Moderator.MemberId });
        Topic.Given(Started, Opening, BobReplied, marked).When(new MarkSolution(Second, Alice, At.AddMinutes(6))).ThenNothing();
        Topic.Given(Started, Opening, BobReplied, marked).When(new MarkSolution(null, Alice, At.AddMinutes(6))).Then(new SolutionCleared(Second, Alice.MemberId, At.AddMinutes(6)));
        Topic.Given(Started, Opening, BobReplied).When(new MarkSolution(null, Alice, At.AddMinutes(6))).ThenNothing();
    }

    [Fact]
    public void RefusesASolutionFromSomeoneElseOrThatIsNotAPublishedReply()
    {
        Topic.Given(Started, Opening, BobReplied).When(new MarkSolution(Second, Bob, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening, BobReplied).When(new MarkSolution(First, Alice, At)).ThenFails("not-a-reply");
        Topic.Given(Started, Opening, BobReplied).When(new MarkSolution(Third, Alice, At)).ThenFails("not-a-reply");
        Topic.Given(Started, Opening, BobReplied, new PostDeleted(Second, Bob.MemberId, At)).When(new MarkSolution(Second, Alice, At)).ThenFails("not-a-reply");
        Topic.Given(Started, Opening, BobReplied, new PostHidden(Second, null, "flags", At)).When(new MarkSolution(Second, Alice, At)).ThenFails("not-a-reply");
    }

    [Fact]
    public void StaffSetAContestWithADeadlineInTheFuture()
    {
        var deadline = At.AddDays(7);
        Topic.Given(Started, Opening).When(new SetContest(deadline, Moderator, At)).Then(new ContestSet(deadline, Moderator.MemberId, At));
        Topic.Given(Started, Opening).When(new SetContest(deadline, Alice, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening).When(new SetContest(At, Moderator, At)).ThenFails("invalid-deadline");
        Topic.Given(Started, Opening, new ContestSet(deadline, Moderator.MemberId, At)).When(new SetContest(deadline, Moderator, At)).ThenNothing();
    }

    [Fact]
    public void MembersCannotReplyToAContestAfterItsDeadlineButStaffCan()
    {
        var contest = new ContestSet(At.AddHours(1), Moderator.MemberId, At);
        Topic.Given(Started, Opening, contest).When(new PostReply(Second, "Late entry", null, Bob, At.AddHours(1))).ThenFails("contest-closed");
        Topic.Given(Started, Opening, contest).When(new PostReply(Second, "And the winners are…", null, Moderator, At.AddHours(2)))
            .Then(new PostPublished(Second, 2, Moderator.MemberId, "And the winners are…", null, At.AddHours(2)));
    }

    [Fact]
    public void StaffPickWinnersAmongEntriesOnceTheContestClosed()
    {
        var contest = new ContestSet(At.AddHours(1), Moderator.MemberId, At);
        var late = new PostPublished(Third, 3, Moderator.MemberId, "Results soon", null, At.AddHours(2));
        var given = Topic.Given(Started, Opening, contest, BobReplied, late);
        given.When(new PickWinners([Second], Moderator, At.AddHours(3))).Then(new ContestWinnersPicked([new ContestWinner(Second, Bob.MemberId)], Moderator.MemberId, At.AddHours(3)));
        given.When(new PickWinners([Second], Moderator, At.AddMinutes(30))).ThenFails("contest-open");
        given.When(new PickWinners([Third], Moderator, At.AddHours(3))).ThenFails("not-an-entry");
        given.When(new PickWinners([First], Moderator, At.AddHours(3))).ThenFails("not-an-entry");
        given.When(new PickWinners([], Moderator, At.AddHours(3))).ThenFails("invalid-winners");
        given.When(new PickWinners([Second], Bob, At.AddHours(3))).ThenFails("not-allowed");
        Topic.Given(Started, Opening, BobReplied).When(new PickWinners([Second], Moderator, At.AddHours(3))).ThenFails("not-a-contest");
        Topic.Given(Started, Opening, contest, BobReplied, late, new ContestWinnersPicked([new ContestWinner(Second, Bob.MemberId)], Moderator.MemberId, At.AddHours(3)))
            .When(new PickWinners([Second], Moderator, At.AddHours(4))).ThenNothing();
    }
}
