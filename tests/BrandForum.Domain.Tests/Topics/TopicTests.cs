using BrandForum.Domain.Topics;

namespace BrandForum.Domain.Tests.Topics;

public sealed class TopicTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid TopicId = Guid.Parse("0197b000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197b000-0000-7000-8000-0000000000f1");
    private static readonly Guid Second = Guid.Parse("0197b000-0000-7000-8000-0000000000f2");
    private static readonly Guid Third = Guid.Parse("0197b000-0000-7000-8000-0000000000f3");
    private static readonly Actor Alice = new(Guid.Parse("0197b000-0000-7000-8000-00000000a11c"), false);
    private static readonly Actor Bob = new(Guid.Parse("0197b000-0000-7000-8000-000000000b0b"), false);
    private static readonly Actor Moderator = new(Guid.Parse("0197b000-0000-7000-8000-0000000000cc"), true);
    private static readonly IReadOnlySet<string> Kinds = new HashSet<string> { "like", "love", "insightful" };
    private static readonly TopicStarted Started = new(TopicId, "news", "Launch day!", Alice.MemberId, At);
    private static readonly PostPublished Opening = new(First, 1, Alice.MemberId, "We launched.", null, At);
    private static readonly PostPublished BobReplied = new(Second, 2, Bob.MemberId, "Congrats!", First, At.AddMinutes(1));

    private static Scenario<TopicCommand, TopicEvent, TopicState> Topic => Spec.For(Domain.Topics.Topic.Decider);

    [Fact]
    public void StartsATopicWithItsOpeningPost() =>
        Topic.When(new StartTopic(TopicId, "news", "  Launch day!  ", First, "We launched.", Alice, At)).Then(Started, Opening);

    [Theory]
    [InlineData("Hi")]
    [InlineData("    ")]
    public void RefusesATitleTooShort(string title) =>
        Topic.When(new StartTopic(TopicId, "news", title, First, "Body", Alice, At)).ThenFails("invalid-title");

    [Fact]
    public void RefusesATitleTooLongAndABlankOrHugeBody()
    {
        Topic.When(new StartTopic(TopicId, "news", new string('t', 201), First, "Body", Alice, At)).ThenFails("invalid-title");
        Topic.When(new StartTopic(TopicId, "news", "A fine title", First, " \n ", Alice, At)).ThenFails("invalid-body");
        Topic.When(new StartTopic(TopicId, "news", "A fine title", First, new string('b', 32_001), Alice, At)).ThenFails("invalid-body");
    }

    [Fact]
    public void RefusesToStartATopicTwiceOrToActOnOneThatDoesNotExist()
    {
        Topic.Given(Started, Opening).When(new StartTopic(TopicId, "news", "Launch day!", First, "x", Alice, At)).ThenFails("topic-exists");
        Topic.When(new PostReply(Second, "Hi", null, Bob, At)).ThenFails("topic-not-found");
    }

    [Fact]
    public void NumbersRepliesInOrderAndIgnoresTheSameReplySentTwice()
    {
        Topic.Given(Started, Opening).When(new PostReply(Second, "Congrats!", First, Bob, At.AddMinutes(1))).Then(BobReplied);
        Topic.Given(Started, Opening, BobReplied).When(new PostReply(Third, "Me too", null, Alice, At)).Then(new PostPublished(Third, 3, Alice.MemberId, "Me too", null, At));
        Topic.Given(Started, Opening, BobReplied).When(new PostReply(Second, "Congrats!", First, Bob, At)).ThenNothing();
    }

    [Fact]
    public void NeverReusesANumberEvenAfterADeletion() =>
        Topic.Given(Started, Opening, BobReplied, new PostDeleted(Second, Bob.MemberId, At)).When(new PostReply(Third, "Again", null, Bob, At))
            .Then(new PostPublished(Third, 3, Bob.MemberId, "Again", null, At));

    [Fact]
    public void RefusesAReplyToAPostOutsideTheTopicOrABlankReply()
    {
        Topic.Given(Started, Opening).When(new PostReply(Second, "Hi", Guid.NewGuid(), Bob, At)).ThenFails("post-not-found");
        Topic.Given(Started, Opening).When(new PostReply(Second, "", null, Bob, At)).ThenFails("invalid-body");
    }

    [Fact]
    public void ALockedTopicRefusesRepliesExceptFromStaff()
    {
        var locked = new TopicLocked(Moderator.MemberId, At);
        Topic.Given(Started, Opening, locked).When(new PostReply(Second, "Hi", null, Bob, At)).ThenFails("topic-locked");
        Topic.Given(Started, Opening, locked).When(new PostReply(Second, "Staff note", null, Moderator, At))
            .Then(new PostPublished(Second, 2, Moderator.MemberId, "Staff note", null, At));
    }

    [Fact]
    public void TheAuthorEditsWithinADayAndStaffAlways()
    {
        Topic.Given(Started, Opening).When(new EditPost(First, "We launched today.", "typo", Alice, At.AddHours(23)))
            .Then(new PostEdited(First, "We launched today.", "typo", Alice.MemberId, At.AddHours(23)));
        Topic.Given(Started, Opening).When(new EditPost(First, "Late edit", null, Alice, At.AddHours(25))).ThenFails("edit-window-closed");
        Topic.Given(Started, Opening).When(new EditPost(First, "Moderated", "rule 3", Moderator, At.AddDays(30)))
            .Then(new PostEdited(First, "Moderated", "rule 3", Moderator.MemberId, At.AddDays(30)));
    }

    [Fact]
    public void RefusesEditsByOthersToDeletedPostsAndIgnoresUnchangedOnes()
    {
        Topic.Given(Started, Opening).When(new EditPost(First, "Hijack", null, Bob, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening, new PostDeleted(First, Alice.MemberId, At)).When(new EditPost(First, "x", null, Alice, At)).ThenFails("post-deleted");
        Topic.Given(Started, Opening).When(new EditPost(First, "We launched.", null, Alice, At)).ThenNothing();
        Topic.Given(Started, Opening).When(new EditPost(First, "x", new string('r', 201), Alice, At)).ThenFails("invalid-reason");
        Topic.Given(Started, Opening).When(new EditPost(Third, "x", null, Alice, At)).ThenFails("post-not-found");
    }

    [Fact]
    public void DeletesSoftlyForTheAuthorOrStaffAndOnlyStaffRestore()
    {
        Topic.Given(Started, Opening, BobReplied).When(new DeletePost(Second, Bob, At)).Then(new PostDeleted(Second, Bob.MemberId, At));
        Topic.Given(Started, Opening, BobReplied).When(new DeletePost(Second, Moderator, At)).Then(new PostDeleted(Second, Moderator.MemberId, At));
        Topic.Given(Started, Opening, BobReplied).When(new DeletePost(Second, Alice, At)).ThenFails("not-allowed");
        var deleted = new PostDeleted(Second, Bob.MemberId, At);
        Topic.Given(Started, Opening, BobReplied, deleted).When(new DeletePost(Second, Bob, At)).ThenNothing();
        Topic.Given(Started, Opening, BobReplied, deleted).When(new RestorePost(Second, Bob, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening, BobReplied, deleted).When(new RestorePost(Second, Moderator, At)).Then(new PostRestored(Second, Moderator.MemberId, At));
        Topic.Given(Started, Opening, BobReplied).When(new RestorePost(Second, Moderator, At)).ThenNothing();
    }

    [Fact]
    public void OnlyStaffLockPinAndMoveAndRepeatsChangeNothing()
    {
        Topic.Given(Started, Opening).When(new LockTopic(true, Alice, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening).When(new PinTopic(true, Alice, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening).When(new MoveTopic("support", Alice, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening).When(new LockTopic(true, Moderator, At)).Then(new TopicLocked(Moderator.MemberId, At));
        Topic.Given(Started, Opening, new TopicLocked(Moderator.MemberId, At)).When(new LockTopic(true, Moderator, At)).ThenNothing();
        Topic.Given(Started, Opening, new TopicLocked(Moderator.MemberId, At)).When(new LockTopic(false, Moderator, At)).Then(new TopicUnlocked(Moderator.MemberId, At));
        Topic.Given(Started, Opening).When(new PinTopic(true, Moderator, At)).Then(new TopicPinned(Moderator.MemberId, At));
        Topic.Given(Started, Opening, new TopicPinned(Moderator.MemberId, At)).When(new PinTopic(false, Moderator, At)).Then(new TopicUnpinned(Moderator.MemberId, At));
        Topic.Given(Started, Opening).When(new PinTopic(false, Moderator, At)).ThenNothing();
        Topic.Given(Started, Opening).When(new MoveTopic("support", Moderator, At)).Then(new TopicMoved("news", "support", Moderator.MemberId, At));
        Topic.Given(Started, Opening).When(new MoveTopic("news", Moderator, At)).ThenNothing();
    }

    [Fact]
    public void ReactionsAreOneOfEachKindPerMemberAndIdempotent()
    {
        var liked = new ReactionAdded(First, "like", Bob.MemberId, At);
        Topic.Given(Started, Opening).When(new React(First, "like", true, Kinds, Bob, At)).Then(liked);
        Topic.Given(Started, Opening, liked).When(new React(First, "like", true, Kinds, Bob, At)).ThenNothing();
        Topic.Given(Started, Opening, liked).When(new React(First, "love", true, Kinds, Bob, At)).Then(new ReactionAdded(First, "love", Bob.MemberId, At));
        Topic.Given(Started, Opening, liked).When(new React(First, "like", false, Kinds, Bob, At)).Then(new ReactionRemoved(First, "like", Bob.MemberId, At));
        Topic.Given(Started, Opening).When(new React(First, "like", false, Kinds, Bob, At)).ThenNothing();
        Topic.Given(Started, Opening).When(new React(First, "angry", true, Kinds, Bob, At)).ThenFails("unknown-reaction");
        Topic.Given(Started, Opening, new PostDeleted(First, Alice.MemberId, At)).When(new React(First, "like", true, Kinds, Bob, At)).ThenFails("post-deleted");
        Topic.Given(Started, Opening).When(new React(Third, "like", true, Kinds, Bob, At)).ThenFails("post-not-found");
    }

    [Fact]
    public void FoldsTheHistoryIntoTheState()
    {
        var state = Domain.Topics.Topic.Decider.Fold([
            Started, Opening, BobReplied, new ReactionAdded(First, "like", Bob.MemberId, At), new PostEdited(First, "New body", null, Alice.MemberId, At),
            new TopicMoved("news", "support", Moderator.MemberId, At), new TopicPinned(Moderator.MemberId, At), new PostDeleted(Second, Bob.MemberId, At)]);

        Assert.Equal("support", state.Category);
        Assert.True(state.Pinned);
        Assert.Equal(2, state.LastNumber);
        Assert.Equal("New body", state.Posts[First].Body);
        Assert.True(state.Posts[Second].Deleted);
        Assert.Contains((Bob.MemberId, "like"), state.Posts[First].Reactions);
    }
}
