using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Moderation;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>A post written: published with a number, or held for a moderator (no number yet, and the rule's message for the author).</summary>
public sealed record Posted(Guid TopicId, Guid PostId, int? Number, bool Held, string? Message)
{
    public string Status => Held ? "held" : "published";
}

/// <summary>
/// Acting on discussions: resolve what is impure (ids, time, who is staff, what the community rules say of the
/// text), check the member may enter the category (a private one answers as if absent), decide and append — the
/// writes to a topic on this node in turn, those waiting together (<see cref="TopicWriter"/>) — then drop the topic's cached pages so the writer reads their write.
/// </summary>
public sealed class TopicCommands(
    IEventStore store, CategoryReads categories, TopicReads topics, PostingPace pace, PostScreener screener, RuleSanctions ruleSanctions,
    TopicWriter writer, TopicPageCache pages, TimeProvider time)
{
    private static readonly Refusal NoSuchTopic = new("topic-not-found", "There is no such topic.", null);

    /// <summary>The member behind a signed-in viewer, as the domain sees them.</summary>
    public static Actor ActorOf(Viewer viewer) => new(viewer.MemberId!.Value, viewer.IsStaff);

    /// <summary>Starts a topic; <paramref name="poll"/> asks a poll with it (the id is given here).</summary>
    public async Task<(Posted? Started, Refusal? Refused)> StartAsync(Viewer viewer, string category, string title, string body, CancellationToken ct, Func<Guid, NewPoll>? poll = null)
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
        if (await pace.CheckAsync(by, startingTopic: true, ct, category: category) is { } tooSoon)
        {
            return (null, tooSoon);
        }

        var screened = await screener.ScreenAsync(viewer, ContentKind.Topic, category, body, ct);
        var now = time.GetUtcNow();
        var (topicId, postId) = (Guid.CreateVersion7(now), Guid.CreateVersion7(now));
        var decided = await store.DecideAsync(
            TopicsSetup.StreamId(topicId), Topic.Decider, new StartTopic(topicId, category, title, postId, screened.Body, by, now, screened.Screening, poll?.Invoke(Guid.CreateVersion7(now))), Metadata(by), ct: ct);
        return await AfterScreeningAsync(decided.Decision, screened, viewer, ContentKind.Topic, category, null, body, ct) is { } refused
            ? (null, refused)
            : (PostedOf(topicId, decided.Decision.Events), null);
    }

    public async Task<(Posted? Posted, Refusal? Refused)> ReplyAsync(Viewer viewer, Guid topicId, string body, Guid? replyTo, CancellationToken ct)
    {
        if (await topics.CategoryToEnterAsync(topicId, viewer, ct) is not { } category)
        {
            return (null, NoSuchTopic);
        }

        var by = ActorOf(viewer);
        if (await pace.CheckAsync(by, startingTopic: false, ct, topicId, category) is { } tooSoon)
        {
            return (null, tooSoon);
        }

        var screened = await screener.ScreenAsync(viewer, ContentKind.Reply, category, body, ct);
        var postId = Guid.CreateVersion7(time.GetUtcNow());
        var decided = await writer.DecideAsync(topicId, () => new PostReply(postId, screened.Body, replyTo, by, time.GetUtcNow(), screened.Screening), Metadata(by), ct);
        pages.Invalidate(topicId);
        return await AfterScreeningAsync(decided.Decision, screened, viewer, ContentKind.Reply, category, topicId, body, ct) is { } refused
            ? (null, refused)
            : (PostedOf(topicId, decided.Decision.Events), null);
    }

    private static Posted? PostedOf(Guid topicId, IReadOnlyList<TopicEvent> events) =>
        events.OfType<PostPublished>().Select(p => new Posted(topicId, p.PostId, p.Number, false, null)).FirstOrDefault()
        ?? events.OfType<PostHeld>().Select(h => new Posted(topicId, h.PostId, null, true, h.Rules.Message)).FirstOrDefault();

    /// <summary>
    /// After a screened write: a rule's rejection is recorded for the moderation trail and refused (422 with its
    /// message); a rule's silence is imposed once the post is in. Returns the refusal, if any.
    /// </summary>
    private async Task<Refusal?> AfterScreeningAsync(
        BrandForum.Domain.Decision<TopicEvent> decision, Screened screened, Viewer viewer, ContentKind kind, string category, Guid? topicId, string body, CancellationToken ct)
    {
        if (decision.Error is { Code: "rejected-by-rule" } rejected)
        {
            await ruleSanctions.RecordRejectionAsync(viewer.MemberId!.Value, kind, category, topicId, body, screened.Screening, ct);
            return new Refusal(rejected.Code, rejected.Message, null);
        }

        if (decision.Error is { } error)
        {
            return Refused(error);
        }

        if (screened.Silence is { } silence && decision.Events.Count > 0)
        {
            await ruleSanctions.SilenceAsync(viewer.MemberId!.Value, silence, screened.Screening.RulebookVersion, ct);
        }

        return null;
    }

    /// <summary>Refusals about one input name it, so the API answers with a validation problem on that field.</summary>
    private static Refusal Refused(BrandForum.Domain.DomainError error) =>
        new(error.Code, error.Message, error.Code switch
        {
            "invalid-title" => "title",
            "invalid-body" => "body",
            "invalid-poll-question" => "poll.question",
            "invalid-poll-options" => "poll.options",
            "invalid-poll-closes-at" => "poll.closesAt",
            "invalid-vote" => "options",
            "invalid-deadline" => "deadline",
            "invalid-winners" => "postIds",
            _ => null,
        });

    /// <summary>Any other command on an existing topic the viewer may enter: decide and append, or say why not.</summary>
    /// <remarks>An edit is screened by the rules like a new post (the decider skips rules a moderator overruled for it).</remarks>
    public async Task<Refusal?> ActAsync(Viewer viewer, Guid topicId, Func<Actor, DateTimeOffset, TopicCommand> command, CancellationToken ct) =>
        (await DecideAsync(viewer, topicId, command, ct)).Refused;

    /// <summary><see cref="ActAsync"/>, also saying what was decided.</summary>
    private async Task<(Refusal? Refused, IReadOnlyList<TopicEvent> Events)> DecideAsync(Viewer viewer, Guid topicId, Func<Actor, DateTimeOffset, TopicCommand> command, CancellationToken ct)
    {
        if (await topics.CategoryToEnterAsync(topicId, viewer, ct) is not { } category)
        {
            return (NoSuchTopic, []);
        }

        var by = ActorOf(viewer);
        var topicCommand = command(by, time.GetUtcNow());
        Screened? screened = null;
        var written = "";
        if (topicCommand is EditPost edit)
        {
            if (await pace.SilencedAsync(by, ct) is { } silenced)
            {
                return (silenced, []);
            }

            written = edit.Body;
            screened = await screener.ScreenAsync(viewer, ContentKind.Edit, category, edit.Body, ct);
            topicCommand = edit with { Body = screened.Body, Screening = screened.Screening };
        }

        var decided = await writer.DecideAsync(topicId, () => topicCommand, Metadata(by), ct);
        pages.Invalidate(topicId);
        var refused = screened is null
            ? decided.Decision.Error is { } error ? Refused(error) : null
            : await AfterScreeningAsync(decided.Decision, screened, viewer, ContentKind.Edit, category, topicId, written, ct);
        return (refused, refused is null ? decided.Decision.Events : []);
    }

    /// <summary>Moves a topic to an existing, open category (staff may enter any).</summary>
    public async Task<Refusal?> MoveAsync(Viewer viewer, Guid topicId, string category, CancellationToken ct) =>
        await categories.FindAsync(category, ct) is not { Archived: false }
            ? new Refusal("category-not-found", "There is no such open category.", null)
            : await ActAsync(viewer, topicId, (by, at) => new MoveTopic(category, by, at), ct);

    private static EventMetadata Metadata(Actor by) => new(Actor: by.MemberId.ToString());
}
