using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// Acting on discussions: resolve what is impure (ids, time, who is staff), check the member may enter the
/// category (a private one answers as if absent), decide, append.
/// </summary>
public sealed class TopicCommands(IEventStore store, CategoryReads categories, TopicReads topics, PostingPace pace, TimeProvider time)
{
    private static readonly Refusal NoSuchTopic = new("topic-not-found", "There is no such topic.", null);

    /// <summary>The member behind a signed-in viewer, as the domain sees them.</summary>
    public static Actor ActorOf(Viewer viewer) => new(viewer.MemberId!.Value, viewer.IsStaff);

    public async Task<((Guid TopicId, Guid PostId)? Started, Refusal? Refused)> StartAsync(Viewer viewer, string category, string title, string body, CancellationToken ct)
    {
        if (await categories.FindVisibleAsync(category, viewer, ct) is not { } found)
        {
            return (null, new Refusal("category-not-found", "There is no such category.", null));
        }

        if (found.Archived)
        {
            return (null, new Refusal("cannot-post-in-archived-category", "This category is archived.", null));
        }

        var by = ActorOf(viewer);
        if (await pace.CheckAsync(by, startingTopic: true, ct) is { } tooSoon)
        {
            return (null, tooSoon);
        }

        var now = time.GetUtcNow();
        var (topicId, postId) = (Guid.CreateVersion7(now), Guid.CreateVersion7(now));
        var decided = await store.DecideAsync(
            TopicsSetup.StreamId(topicId), Topic.Decider, new StartTopic(topicId, category, title, postId, body, by, now), Metadata(by), ct: ct);
        return decided.Decision.Error is { } error ? (null, Refused(error)) : ((topicId, postId), null);
    }

    public async Task<(PostPublished? Published, Refusal? Refused)> ReplyAsync(Viewer viewer, Guid topicId, string body, Guid? replyTo, CancellationToken ct)
    {
        if (!await topics.MayEnterTopicAsync(topicId, viewer, ct))
        {
            return (null, NoSuchTopic);
        }

        var by = ActorOf(viewer);
        if (await pace.CheckAsync(by, startingTopic: false, ct) is { } tooSoon)
        {
            return (null, tooSoon);
        }

        var postId = Guid.CreateVersion7(time.GetUtcNow());
        var decided = await store.DecideAsync(
            TopicsSetup.StreamId(topicId), Topic.Decider, new PostReply(postId, body, replyTo, by, time.GetUtcNow()), Metadata(by), maxAttempts: 50, ct: ct);
        return decided.Decision.Error is { } error
            ? (null, Refused(error))
            : (decided.Decision.Events.OfType<PostPublished>().SingleOrDefault(), null);
    }

    /// <summary>Refusals about one input name it, so the API answers with a validation problem on that field.</summary>
    private static Refusal Refused(BrandForum.Domain.DomainError error) =>
        new(error.Code, error.Message, error.Code switch { "invalid-title" => "title", "invalid-body" => "body", _ => null });

    /// <summary>Any other command on an existing topic the viewer may enter: decide and append, or say why not.</summary>
    public async Task<Refusal?> ActAsync(Viewer viewer, Guid topicId, Func<Actor, DateTimeOffset, TopicCommand> command, CancellationToken ct)
    {
        if (!await topics.MayEnterTopicAsync(topicId, viewer, ct))
        {
            return NoSuchTopic;
        }

        var by = ActorOf(viewer);
        var decided = await store.DecideAsync(TopicsSetup.StreamId(topicId), Topic.Decider, command(by, time.GetUtcNow()), Metadata(by), maxAttempts: 50, ct: ct);
        return decided.Decision.Error is { } error ? Refused(error) : null;
    }

    /// <summary>Moves a topic to an existing, open category (staff may enter any).</summary>
    public async Task<Refusal?> MoveAsync(Viewer viewer, Guid topicId, string category, CancellationToken ct) =>
        await categories.FindAsync(category, ct) is not { Archived: false }
            ? new Refusal("category-not-found", "There is no such open category.", null)
            : await ActAsync(viewer, topicId, (by, at) => new MoveTopic(category, by, at), ct);

    private static EventMetadata Metadata(Actor by) => new(Actor: by.MemberId.ToString());
}
