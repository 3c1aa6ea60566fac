using BrandForum.Domain.Editorial;

namespace BrandForum.Domain.Tests.Editorial;

public sealed class EditorialItemTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Tuesday = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Item = Guid.Parse("0197d000-0000-7000-8000-000000000031");
    private static readonly Guid Owner = Guid.Parse("0197d000-0000-7000-8000-000000000032");
    private static readonly Guid Other = Guid.Parse("0197d000-0000-7000-8000-000000000033");
    private static readonly Guid Topic = Guid.Parse("0197d000-0000-7000-8000-000000000034");
    private static readonly Recurrence Weekly = new("weekly", "10:00", "Europe/Paris", "tuesday");
    private static readonly ItemCreated Created = new(Item, Owner, "news", "Weekly questions", "Ask us anything.", Tuesday, null, false, At);

    private static Scenario<EditorialCommand, EditorialEvent, EditorialItemState> Items => Spec.For(EditorialItem.Decider);

    private static ItemMoved Moved(ItemStage from, ItemStage to, Guid? by = null) => new(Item, from, to, by ?? Owner, At);

    private static EditorialEvent[] Scheduled(ItemCreated created) =>
        [created, Moved(ItemStage.Idea, ItemStage.Draft), Moved(ItemStage.Draft, ItemStage.Review), Moved(ItemStage.Review, ItemStage.Scheduled, Other)];

    [Fact]
    public void CreatesAnIdeaWithATrimmedTitleAndRefusesBadOnes()
    {
        Items.When(new CreateItem(Item, "news", " Weekly questions ", "Ask us anything.", Tuesday, null, false, Owner, At)).Then(Created);
        Items.When(new CreateItem(Item, "news", "Hey", "Ask us anything.", Tuesday, null, false, Owner, At)).ThenFails("invalid-title");
        Items.When(new CreateItem(Item, "news", "Weekly questions", " ", Tuesday, null, false, Owner, At)).ThenFails("invalid-body");
        Items.Given(Created).When(new CreateItem(Item, "news", "Weekly questions", "Again", Tuesday, null, false, Owner, At)).ThenFails("item-exists");
        Items.When(new MoveItem(ItemStage.Draft, Owner, At)).ThenFails("item-not-found");
    }

    [Fact]
    public void MovesAlongTheWorkflowAndAnotherCmApproves()
    {
        Items.Given(Created).When(new MoveItem(ItemStage.Draft, Owner, At)).Then(Moved(ItemStage.Idea, ItemStage.Draft));
        Items.Given(Created).When(new MoveItem(ItemStage.Idea, Owner, At)).ThenNothing();
        Items.Given(Created).When(new MoveItem(ItemStage.Scheduled, Other, At)).ThenFails("cannot-move");
        var inReview = new EditorialEvent[] { Created, Moved(ItemStage.Idea, ItemStage.Draft), Moved(ItemStage.Draft, ItemStage.Review) };
        Items.Given(inReview).When(new MoveItem(ItemStage.Scheduled, Owner, At)).ThenFails("own-item-approval");
        Items.Given(inReview).When(new MoveItem(ItemStage.Scheduled, Other, At)).Then(Moved(ItemStage.Review, ItemStage.Scheduled, Other));
        Items.Given(inReview).When(new MoveItem(ItemStage.Draft, Other, At)).Then(Moved(ItemStage.Review, ItemStage.Draft, Other));
        Items.Given(Scheduled(Created)).When(new MoveItem(ItemStage.Cancelled, Owner, At)).Then(Moved(ItemStage.Scheduled, ItemStage.Cancelled));
        Items.Given(Scheduled(Created)).When(new MoveItem(ItemStage.Review, Owner, At)).ThenFails("cannot-move");
    }

    [Fact]
    public void EditsBeforeApprovalOnlyAndReschedulesUntilPublished()
    {
        Items.Given(Created).When(new EditItem(null, "Weekly questions thread", null, Weekly, false, true, Other, At))
            .Then(new ItemEdited(Item, "news", "Weekly questions thread", "Ask us anything.", Weekly, true, Other, At));
        Items.Given(Created).When(new EditItem("news", "Weekly questions", null, null, false, false, Owner, At)).ThenNothing();
        Items.Given(Created).When(new EditItem(null, "Hi", null, null, false, null, Owner, At)).ThenFails("invalid-title");
        Items.Given(Scheduled(Created)).When(new EditItem(null, "Changed after approval", null, null, false, null, Owner, At)).ThenFails("cannot-edit");
        Items.Given(Scheduled(Created)).When(new RescheduleItem(Tuesday.AddDays(1), Owner, At)).Then(new ItemRescheduled(Item, Tuesday, Tuesday.AddDays(1), Owner, At));
        Items.Given(Created).When(new RescheduleItem(Tuesday, Owner, At)).ThenNothing();
        Items.Given(Created, Moved(ItemStage.Idea, ItemStage.Cancelled)).When(new RescheduleItem(Tuesday.AddDays(1), Owner, At)).ThenFails("cannot-reschedule");
    }

    [Fact]
    public void PublishesAnOccurrenceOnceWhenDue()
    {
        var publish = new PublishOccurrence(1, Tuesday, Topic, Owner, null, Owner, Tuesday.AddSeconds(1));
        var published = new ItemPublished(Item, 1, Tuesday, Topic, "news", "Weekly questions", "Ask us anything.", Owner, null, Tuesday.AddSeconds(1));
        Items.Given(Scheduled(Created)).When(publish).Then(published);
        Items.Given([.. Scheduled(Created), published]).When(publish).ThenNothing(); // a second publisher
        Items.Given([.. Scheduled(Created), published]).When(new MoveItem(ItemStage.Cancelled, Owner, At)).ThenFails("cannot-move");
        Items.Given(Scheduled(Created)).When(publish with { At = Tuesday.AddSeconds(-1) }).ThenFails("cannot-publish");
        Items.Given(Scheduled(Created)).When(publish with { ScheduledFor = Tuesday.AddHours(-1) }).ThenFails("cannot-publish");
        Items.Given(Created).When(publish).ThenFails("cannot-publish");
    }

    [Fact]
    public void ARecurringItemStaysScheduledForItsNextOccurrence()
    {
        var recurring = Created with { Recurrence = Weekly };
        var next = Tuesday.AddDays(7);
        var first = new ItemPublished(Item, 1, Tuesday, Topic, "news", "Weekly questions", "Ask us anything.", Owner, next, Tuesday);
        Items.Given(Scheduled(recurring)).When(new PublishOccurrence(1, Tuesday, Topic, Owner, next, Owner, Tuesday)).Then(first);
        var second = new PublishOccurrence(2, next, Topic, Owner, next.AddDays(7), Owner, next);
        Items.Given([.. Scheduled(recurring), first]).When(second)
            .Then(new ItemPublished(Item, 2, next, Topic, "news", "Weekly questions", "Ask us anything.", Owner, next.AddDays(7), next));
        Items.Given([.. Scheduled(recurring), first]).When(new PublishOccurrence(1, Tuesday, Topic, Owner, next, Owner, next)).ThenNothing();
        var state = EditorialItem.Decider.Fold([.. Scheduled(recurring), first]);
        Assert.Equal((ItemStage.Scheduled, 2, next), (state.Stage, state.Occurrence, state.PublishAt));
    }
}
