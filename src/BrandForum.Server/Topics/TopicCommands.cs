using System.Security.Claims;
using BrandForum.Domain.Members;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>Starting topics and replying: resolve what is impure (ids, time, who is staff), decide, append.</summary>
public sealed class TopicCommands(IEventStore store, CategoryReads categories, PostingPace pace, TopicWriteLocks turns, TopicPageCache pages, TimeProvider time)
{
    public static Actor ActorOf(ClaimsPrincipal user) =>
        new(MemberPrincipal.MemberId(user)!.Value, user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin));

    public async Task<((Guid TopicId, Guid PostId)? Started, Refusal? Refused)> StartAsync(Actor by, string category, string title, string body, CancellationToken ct)
    {
        if (await categories.FindAsync(category, ct) is not { } found)
        {
            return (null, new Refusal("category-not-found", "There is no such category.", null));
        }

        if (found.Archived)
        {
            return (null, new Refusal("cannot-post-in-archived-category", "This category is archived.", null));
        }

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

    public async Task<(PostPublished? Published, Refusal? Refused)> ReplyAsync(Actor by, Guid topicId, string body, Guid? replyTo, CancellationToken ct)
    {
        if (await pace.CheckAsync(by, startingTopic: false, ct) is { } tooSoon)
        {
            return (null, tooSoon);
        }

        var postId = Guid.CreateVersion7(time.GetUtcNow());
        var decided = await turns.RunAsync(topicId, () => store.DecideAsync(
            TopicsSetup.StreamId(topicId), Topic.Decider, new PostReply(postId, body, replyTo, by, time.GetUtcNow()), Metadata(by), maxAttempts: 50, ct: ct), ct);
        pages.Invalidate(topicId);
        return decided.Decision.Error is { } error
            ? (null, Refused(error))
            : (decided.Decision.Events.OfType<PostPublished>().SingleOrDefault(), null);
    }

    /// <summary>Refusals about one input name it, so the API answers with a validation problem on that field.</summary>
    private static Refusal Refused(BrandForum.Domain.DomainError error) =>
        new(error.Code, error.Message, error.Code switch { "invalid-title" => "title", "invalid-body" => "body", _ => null });

    /// <summary>Any other command on an existing topic: decide and append, or say why not.</summary>
    public async Task<Refusal?> ActAsync(Guid topicId, TopicCommand command, CancellationToken ct)
    {
        var decided = await turns.RunAsync(topicId, () => store.DecideAsync(TopicsSetup.StreamId(topicId), Topic.Decider, command, Metadata(command.By), maxAttempts: 50, ct: ct), ct);
        pages.Invalidate(topicId);
        return decided.Decision.Error is { } error ? Refused(error) : null;
    }

    /// <summary>Moves a topic to an existing, open category.</summary>
    public async Task<Refusal?> MoveAsync(Guid topicId, string category, Actor by, CancellationToken ct) =>
        await categories.FindAsync(category, ct) is not { Archived: false }
            ? new Refusal("category-not-found", "There is no such open category.", null)
            : await ActAsync(topicId, new MoveTopic(category, by, time.GetUtcNow()), ct);

    private static EventMetadata Metadata(Actor by) => new(Actor: by.MemberId.ToString());
}
