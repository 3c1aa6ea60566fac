using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;

namespace BrandForum.Domain.Tests.Topics;

/// <summary>Rules' outcomes on posts, flags and the review queue, as the topic decider sees them.</summary>
public sealed class TopicReviewTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly Guid TopicId = Guid.Parse("0197b000-0000-7000-8000-000000000001");
    private static readonly Guid First = Guid.Parse("0197b000-0000-7000-8000-0000000000f1");
    private static readonly Guid Second = Guid.Parse("0197b000-0000-7000-8000-0000000000f2");
    private static readonly Guid Third = Guid.Parse("0197b000-0000-7000-8000-0000000000f3");
    private static readonly Actor Alice = new(Guid.Parse("0197b000-0000-7000-8000-00000000a11c"), false);
    private static readonly Actor Bob = new(Guid.Parse("0197b000-0000-7000-8000-000000000b0b"), false);
    private static readonly Actor Carol = new(Guid.Parse("0197b000-0000-7000-8000-000000000ca1"), false);
    private static readonly Actor Moderator = new(Guid.Parse("0197b000-0000-7000-8000-0000000000cc"), true);
    private static readonly Actor OtherModerator = new(Guid.Parse("0197b000-0000-7000-8000-0000000000cd"), true);
    private static readonly TopicStarted Started = new(TopicId, "news", "Launch day!", Alice.MemberId, At);
    private static readonly PostPublished Opening = new(First, 1, Alice.MemberId, "We launched.", null, At);
    private static readonly PostPublished BobReplied = new(Second, 2, Bob.MemberId, "Congrats!", First, At);

    private static readonly Screening Insult = new(3, [new ScreenHit("no-insults", RuleAction.Hold, "A moderator will read it first.")]);
    private static readonly RuleTrace InsultTrace = new(3, ["no-insults"], "A moderator will read it first.");
    private static readonly PostHeld BobHeld = new(Second, Bob.MemberId, "You idiot", null, At, InsultTrace);

    private static Scenario<TopicCommand, TopicEvent, TopicState> Topic => Spec.For(Domain.Topics.Topic.Decider);

    [Fact]
    public void ARejectingRuleRefusesThePostWithItsMessage() =>
        Topic.Given(Started, Opening)
            .When(new PostReply(Second, "buy now", null, Bob, At, new Screening(1, [new ScreenHit("spam", RuleAction.Reject, "No spam."), new ScreenHit("x", RuleAction.Hold)])))
            .ThenFails("rejected-by-rule");

    [Fact]
    public void AHoldingRuleHoldsAReplyWithoutANumber() =>
        Topic.Given(Started, Opening).When(new PostReply(Second, "You idiot", null, Bob, At, Insult)).Then(BobHeld);

    [Fact]
    public void AHeldOpeningPostHoldsTheWholeTopicAndNobodyRepliesYet()
    {
        Topic.When(new StartTopic(TopicId, "news", "Launch day!", First, "We launched.", Alice, At, Insult))
            .Then(Started with { Held = true }, new PostHeld(First, Alice.MemberId, "We launched.", null, At, InsultTrace));
        Topic.Given(Started with { Held = true }, new PostHeld(First, Alice.MemberId, "We launched.", null, At, InsultTrace))
            .When(new PostReply(Second, "Hi", null, Moderator, At)).ThenFails("topic-held");
    }

    [Fact]
    public void AFlagRulePublishesAndQueuesWithoutWeight() =>
        Topic.Given(Started, Opening)
            .When(new PostReply(Second, "LOUD", null, Bob, At, new Screening(2, [new ScreenHit("shouting", RuleAction.Flag, "Shouting"), new ScreenHit("t", RuleAction.Tag, Tags: ["caps"])])))
            .Then(
                new PostPublished(Second, 2, Bob.MemberId, "LOUD", null, At, new RuleTrace(2, ["t"], null, ["caps"])),
                new PostFlagged(Second, null, FlagReason.Other, "Shouting", 0, At, new RuleTrace(2, ["shouting"], "Shouting")));

    [Fact]
    public void ApprovingAHeldPostPublishesItWithTheNextNumber() =>
        Topic.Given(Started, Opening, BobHeld, new PostPublished(Third, 2, Alice.MemberId, "Anyone?", null, At))
            .When(new ReviewPost(Second, ReviewDecision.Approve, null, Moderator, At.AddMinutes(5)))
            .Then(
                new ReviewDecided(Second, ReviewDecision.Approve, null, null, Moderator.MemberId, At.AddMinutes(5)),
                new PostApproved(Second, Moderator.MemberId, null, At.AddMinutes(5)),
                new PostPublished(Second, 3, Bob.MemberId, "You idiot", null, At.AddMinutes(5)));

    [Fact]
    public void RejectingAHeldPostDropsIt()
    {
        Topic.Given(Started, Opening, BobHeld).When(new ReviewPost(Second, ReviewDecision.Reject, "Insult", Moderator, At))
            .Then(new ReviewDecided(Second, ReviewDecision.Reject, "Insult", null, Moderator.MemberId, At), new PostRejected(Second, Moderator.MemberId, "Insult", At, Bob.MemberId));
        Topic.Given(Started, Opening, BobHeld, new ReviewDecided(Second, ReviewDecision.Reject, null, null, Moderator.MemberId, At), new PostRejected(Second, Moderator.MemberId, null, At))
            .When(new ReviewPost(Second, ReviewDecision.Approve, null, Moderator, At)).ThenFails("post-not-found");
        Topic.Given(Started, Opening, BobHeld).When(new ReviewPost(Second, ReviewDecision.Hide, null, Moderator, At)).ThenFails("cannot-keep-or-hide-a-held-post");
    }

    [Fact]
    public void AHeldPostIsNotThereForReactionsRepliesOrFlags()
    {
        Topic.Given(Started, Opening, BobHeld).When(new React(Second, "like", true, new HashSet<string> { "like" }, Alice, At)).ThenFails("post-not-found");
        Topic.Given(Started, Opening, BobHeld).When(new PostReply(Third, "Quoting", Second, Alice, At)).ThenFails("post-not-found");
        Topic.Given(Started, Opening, BobHeld).When(new FlagPost(Second, FlagReason.Spam, null, 1, 8, Alice, At)).ThenFails("post-not-found");
    }

    [Fact]
    public void AnApprovedPostIsNotHeldAgainByTheSameRuleOnAnEdit()
    {
        var approved = new TopicEvent[]
        {
            Started, Opening, BobHeld, new ReviewDecided(Second, ReviewDecision.Approve, null, null, Moderator.MemberId, At),
            new PostApproved(Second, Moderator.MemberId, null, At), new PostPublished(Second, 2, Bob.MemberId, "You idiot", null, At),
        };
        Topic.Given(approved).When(new EditPost(Second, "You idiot!", null, Bob, At, Insult)).Then(new PostEdited(Second, "You idiot!", null, Bob.MemberId, At));
        var otherRule = new Screening(3, [new ScreenHit("other", RuleAction.Hold, "Held")]);
        Topic.Given(approved).When(new EditPost(Second, "You idiot!", null, Bob, At, otherRule))
            .Then(new PostEdited(Second, "You idiot!", null, Bob.MemberId, At), new PostHidden(Second, null, "Held", At, new RuleTrace(3, ["other"], "Held")));
    }

    [Fact]
    public void FlagsWeighUntilTheThresholdHidesThePost()
    {
        Topic.Given(Started, Opening, BobReplied).When(new FlagPost(Second, FlagReason.Spam, null, 3, 8, Alice, At))
            .Then(new PostFlagged(Second, Alice.MemberId, FlagReason.Spam, null, 3, At));
        Topic.Given(Started, Opening, BobReplied, new PostFlagged(Second, Alice.MemberId, FlagReason.Spam, null, 3, At))
            .When(new FlagPost(Second, FlagReason.Harassment, " rude ", 5, 8, Carol, At))
            .Then(
                new PostFlagged(Second, Carol.MemberId, FlagReason.Harassment, "rude", 5, At),
                new PostHidden(Second, null, "Members flagged this post: it is hidden until a moderator reviews it.", At));
        Topic.Given(Started, Opening, BobReplied, new PostFlagged(Second, Alice.MemberId, FlagReason.Spam, null, 3, At))
            .When(new FlagPost(Second, FlagReason.OffTopic, null, 3, 8, Alice, At)).ThenNothing();
    }

    [Fact]
    public void RefusesFlagsOnOnesOwnPostOrWithoutANoteForOther()
    {
        Topic.Given(Started, Opening, BobReplied).When(new FlagPost(Second, FlagReason.Spam, null, 1, 8, Bob, At)).ThenFails("cannot-flag-own-post");
        Topic.Given(Started, Opening, BobReplied).When(new FlagPost(Second, FlagReason.Other, " ", 1, 8, Alice, At)).ThenFails("invalid-note");
        Topic.Given(Started, Opening, BobReplied).When(new FlagPost(Second, FlagReason.Spam, new string('n', 501), 1, 8, Alice, At)).ThenFails("invalid-note");
    }

    [Fact]
    public void DecisionsOnAFlaggedPostSayWhetherTheFlagsWereRight()
    {
        var hidden = new TopicEvent[]
        {
            Started, Opening, BobReplied, new PostFlagged(Second, Alice.MemberId, FlagReason.Spam, null, 9, At), new PostHidden(Second, null, "flags", At),
        };
        Topic.Given(hidden).When(new ReviewPost(Second, ReviewDecision.Approve, null, Moderator, At))
            .Then(new ReviewDecided(Second, ReviewDecision.Approve, null, false, Moderator.MemberId, At), new PostUnhidden(Second, Moderator.MemberId, null, At));
        Topic.Given(hidden).When(new ReviewPost(Second, ReviewDecision.Keep, null, Moderator, At))
            .Then(new ReviewDecided(Second, ReviewDecision.Keep, null, true, Moderator.MemberId, At), new PostUnhidden(Second, Moderator.MemberId, null, At));
        Topic.Given(hidden).When(new ReviewPost(Second, ReviewDecision.Hide, "Spam", Moderator, At))
            .Then(new ReviewDecided(Second, ReviewDecision.Hide, "Spam", true, Moderator.MemberId, At), new PostHidden(Second, Moderator.MemberId, "Spam", At, Final: true));
        Topic.Given(hidden).When(new ReviewPost(Second, ReviewDecision.Reject, null, Moderator, At))
            .Then(new ReviewDecided(Second, ReviewDecision.Reject, null, true, Moderator.MemberId, At), new PostDeleted(Second, Moderator.MemberId, At));
        Topic.Given([.. hidden, new ReviewDecided(Second, ReviewDecision.Hide, null, true, Moderator.MemberId, At)])
            .When(new ReviewPost(Second, ReviewDecision.Approve, null, Moderator, At)).ThenFails("not-in-review");
    }

    [Fact]
    public void OnlyStaffDecideAndAClaimKeepsOthersOff()
    {
        Topic.Given(Started, Opening, BobHeld).When(new ReviewPost(Second, ReviewDecision.Approve, null, Alice, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening, BobHeld).When(new ClaimReview(Second, true, Moderator, At)).Then(new ReviewClaimed(Second, Moderator.MemberId, At));
        var claimed = new TopicEvent[] { Started, Opening, BobHeld, new ReviewClaimed(Second, Moderator.MemberId, At) };
        Topic.Given(claimed).When(new ClaimReview(Second, true, OtherModerator, At)).ThenFails("claimed-by-another");
        Topic.Given(claimed).When(new ReviewPost(Second, ReviewDecision.Approve, null, OtherModerator, At)).ThenFails("claimed-by-another");
        Topic.Given(claimed).When(new ClaimReview(Second, true, Moderator, At)).ThenNothing();
        Topic.Given(claimed).When(new ClaimReview(Second, false, OtherModerator, At)).Then(new ReviewReleased(Second, OtherModerator.MemberId, At));
        Topic.Given(Started, Opening).When(new ClaimReview(First, true, Moderator, At)).ThenFails("not-in-review");
    }

    [Fact]
    public void SlowModeIsSetByStaffWithinBounds()
    {
        Topic.Given(Started, Opening).When(new SetSlowMode(60, Moderator, At)).Then(new TopicSlowModeSet(60, Moderator.MemberId, At));
        Topic.Given(Started, Opening).When(new SetSlowMode(60, Alice, At)).ThenFails("not-allowed");
        Topic.Given(Started, Opening).When(new SetSlowMode(-1, Moderator, At)).ThenFails("invalid-seconds");
        Topic.Given(Started, Opening, new TopicSlowModeSet(60, Moderator.MemberId, At)).When(new SetSlowMode(60, Moderator, At)).ThenNothing();
    }
}
