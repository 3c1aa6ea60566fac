using System.Globalization;
using BrandForum.Domain.Badges;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Live;

/// <summary>
/// Turns a logged event into what live clients receive, on which channels and for whom. The same mapping serves
/// the live tail and the replay after a reconnect, so both say exactly the same thing. Data comes from the read
/// models (committed with the event by the inline projections): a post's HTML is rendered once, there.
/// </summary>
public sealed class LiveItems(SqlEventStore store, Animation.AnimationReads animation)
{
    /// <summary>
    /// Whether an event can be a live item at all: the one place that knows which events make items, so the live tail
    /// skips every other event without reads (a new kind of item is added here and in <see cref="ItemsOfAsync"/> only).
    /// </summary>
    public static bool MayBeLive(RecordedEvent e) =>
        e.StreamType is "topic" or "crisis" || e.Data is BadgeAwarded or Domain.Listening.MentionSpikeDetected;

    /// <summary>Whether an event can concern a channel at all, to skip the reads for those that cannot.</summary>
    public static bool MayConcern(RecordedEvent e, string channel) => e.Data switch
    {
        BadgeAwarded => channel == LiveChannels.Me,
        Domain.Listening.MentionSpikeDetected => channel == LiveChannels.Moderation,
        _ => Crisis.CrisisAlerts.MayConcern(e, channel) || TopicEventMayConcern(e, channel),
    };

    private static bool TopicEventMayConcern(RecordedEvent e, string channel) =>
        e.StreamType == "topic"
        && (channel != LiveChannels.Me || e.Data is PostPublished or PostEdited or ReactionAdded or PostApproved or PostRejected or PostHidden or ContestWinnersPicked)
        && (channel != LiveChannels.Moderation || IsForModerators(e.Data))
        && (!LiveChannels.IsTopic(channel, out var topicId) || e.StreamId == TopicsSetup.StreamId(topicId));

    private static bool IsForModerators(object data) => data is PostHeld or PostFlagged or PostHidden or ReviewDecided or ReviewClaimed or ReviewReleased
        or PostPublished { Rules.Notify: true } or PostEdited { Rules.Notify: true };

    public async Task<IReadOnlyList<LiveItem>> ItemsOfAsync(RecordedEvent e, CancellationToken ct)
    {
        if (e.Data is BadgeAwarded b)
        {
            return [new LiveItem(e.Position, LiveChannels.Me, "badge-awarded", new { badge = b.Badge, name = b.Name, tier = b.Tier, awardedAt = b.At }, Audience.Everyone with { Member = b.MemberId })];
        }

        if (e.Data is Domain.Listening.MentionSpikeDetected spike)
        {
            return [Listening.ListeningReads.SpikeItem(e.Position, spike)];
        }

        if (e.StreamType != "topic")
        {
            return e.StreamType == "crisis" ? Crisis.CrisisAlerts.ItemsOf(e) : [];
        }

        var topicId = TopicsSetup.TopicIdOf(e.StreamId);
        if (await TopicAsync(topicId, ct) is not { } topic)
        {
            return [];
        }

        var items = new List<LiveItem>();
        var audience = new Audience(topic.Access);
        var moderators = audience with { StaffOnly = true };
        void Add(string channel, string type, object data, Audience? to = null) => items.Add(new LiveItem(e.Position, channel, type, data, to ?? audience));
        var onTopic = LiveChannels.Topic(topicId);
        switch (e.Data)
        {
            case TopicStarted s:
                Add(LiveChannels.Category(topic.Category), "topic-started", new { topicId, title = s.Title, author = await AuthorAsync(s.AuthorId, ct), at = s.At });
                break;
            case PostPublished p:
                var published = await PostAsync(p.PostId, ct);
                Add(onTopic, "post-published", new { postId = p.PostId, number = p.Number, author = await AuthorAsync(p.AuthorId, ct), html = published?.Html, replyTo = p.ReplyTo, createdAt = p.At });
                Add(LiveChannels.Category(topic.Category), "topic-activity", new { topicId, title = topic.Title, number = p.Number, at = p.At });
                await AddForPeopleAsync(items, e.Position, topicId, topic, p.PostId, p.AuthorId, p.Number, p.ReplyTo, p.At, ct);
                AlertIfAsked(p.Rules, p.PostId);
                break;
            case PostEdited p when await PostAsync(p.PostId, ct) is { } edited:
                // A hidden post's new text reaches only its author and staff, like the post itself.
                Add(onTopic, "post-edited", new { postId = p.PostId, html = edited.Html, editedAt = p.At }, edited.Hidden ? AuthorAndStaff(edited.Author) : null);
                if (!edited.Hidden)
                {
                    await AddForPeopleAsync(items, e.Position, topicId, topic, p.PostId, p.EditorId, edited.Number, null, p.At, ct);
                }

                AlertIfAsked(p.Rules, p.PostId);
                break;
            case PostDeleted p:
                Add(onTopic, "post-deleted", new { postId = p.PostId });
                break;
            case PostRestored p when await PostAsync(p.PostId, ct) is { } restored:
                Add(onTopic, "post-restored", new { postId = p.PostId, html = restored.Hidden ? null : restored.Html });
                break;
            case PostHeld h:
                var author = await AuthorAsync(h.AuthorId, ct);
                Add(onTopic, "post-held", new { postId = h.PostId, author, html = await HeldHtmlAsync(h.PostId, ct), message = h.Rules.Message, createdAt = h.At }, AuthorAndStaff(h.AuthorId));
                Add(LiveChannels.Moderation, "review-opened", new { itemId = h.PostId, postId = h.PostId, topicId, title = topic.Title, kind = "held", author, rules = h.Rules.RuleIds }, moderators);
                AlertIfAsked(h.Rules, h.PostId);
                break;
            case PostApproved a when await PostAsync(a.PostId, ct) is { } approved:
                Add(LiveChannels.Me, "post-approved", new { topicId, title = topic.Title, postId = a.PostId, number = approved.Number }, audience with { Member = approved.Author });
                break;
            case PostRejected r when (r.AuthorId ?? await AuthorOfHeldAsync(e.StreamId, r.PostId, ct)) is { } rejectedAuthor:
                Add(onTopic, "post-rejected", new { postId = r.PostId }, AuthorAndStaff(rejectedAuthor));
                Add(LiveChannels.Me, "post-rejected", new { topicId, title = topic.Title, postId = r.PostId, reason = r.Reason }, audience with { Member = rejectedAuthor });
                break;
            case PostHidden h when await PostAsync(h.PostId, ct) is { } hidden:
                Add(onTopic, "post-hidden", new { postId = h.PostId });
                Add(LiveChannels.Me, "post-hidden", new { topicId, title = topic.Title, postId = h.PostId, number = hidden.Number, reason = h.Reason }, audience with { Member = hidden.Author });
                if (!h.Final)
                {
                    Add(LiveChannels.Moderation, "review-opened", new { itemId = h.PostId, postId = h.PostId, topicId, title = topic.Title, kind = "flagged", hidden = true }, moderators);
                }

                break;
            case PostUnhidden u:
                Add(onTopic, "post-unhidden", new { postId = u.PostId, html = (await PostAsync(u.PostId, ct))?.Html });
                break;
            case PostFlagged f:
                Add(LiveChannels.Moderation, "review-opened", new { itemId = f.PostId, postId = f.PostId, topicId, title = topic.Title, kind = "flagged", weight = f.Weight }, moderators);
                break;
            case ReviewDecided d:
                Add(LiveChannels.Moderation, "review-closed", new { itemId = d.PostId, postId = d.PostId, topicId, decision = Moderation.ReviewQueueProjection.Decision(d.Decision), by = await AuthorAsync(d.By, ct) }, moderators);
                break;
            case ReviewClaimed c:
                Add(LiveChannels.Moderation, "review-updated", new { itemId = c.PostId, postId = c.PostId, topicId, claimedBy = await AuthorAsync(c.By, ct) }, moderators);
                break;
            case ReviewReleased r:
                Add(LiveChannels.Moderation, "review-updated", new { itemId = r.PostId, postId = r.PostId, topicId, claimedBy = (AuthorRef?)null }, moderators);
                break;
            case TopicSlowModeSet m:
                Add(onTopic, "slow-mode", new { topicId, seconds = m.Seconds });
                break;
            case ReactionRemoved r:
                Add(onTopic, "reactions", new { postId = r.PostId, reactions = await ReactionsAsync(r.PostId, ct) });
                break;
            case ReactionAdded r:
                Add(onTopic, "reactions", new { postId = r.PostId, reactions = await ReactionsAsync(r.PostId, ct) });
                if (await PostAsync(r.PostId, ct) is { } post && post.Author != r.MemberId)
                {
                    Add(LiveChannels.Me, "reaction", new { topicId, postId = r.PostId, number = post.Number, kind = r.Kind, by = await AuthorAsync(r.MemberId, ct) }, audience with { Member = post.Author });
                }

                break;
            case TopicLocked or TopicUnlocked or TopicPinned or TopicUnpinned:
                Add(onTopic, e.Data switch { TopicLocked => "topic-locked", TopicUnlocked => "topic-unlocked", TopicPinned => "topic-pinned", _ => "topic-unpinned" }, new { topicId });
                break;
            case TopicMoved m:
                Add(onTopic, "topic-moved", new { topicId, from = m.From, to = m.To });
                break;
            case PollVoted v when await animation.PollAsync(v.PollId, null, ct) is { } poll:
                // The counts as anyone sees them now: hidden (null) until the poll shows its results to everyone; a
                // reader who may see more (a voter, staff) reads the topic again.
                Add(onTopic, "poll-updated", new { pollId = v.PollId, voters = poll.Voters, closed = poll.Closed, options = poll.Options });
                break;
            case SolutionMarked or SolutionCleared:
                Add(onTopic, "topic-solved", new { topicId, postId = (e.Data as SolutionMarked)?.PostId });
                break;
            case ContestWinnersPicked w:
                foreach (var winner in w.Winners)
                {
                    Add(LiveChannels.Me, "contest-won", new { topicId, title = topic.Title, postId = winner.PostId }, audience with { Member = winner.MemberId });
                }

                break;
        }

        return items;

        Audience AuthorAndStaff(Guid author) => audience with { Member = author, StaffToo = true };

        // A rule's "notify": the moderators hear of the post at once.
        void AlertIfAsked(RuleTrace? rules, Guid postId)
        {
            if (rules is { Notify: true })
            {
                Add(LiveChannels.Moderation, "rule-alert", new { postId, topicId, title = topic.Title, rules = rules.RuleIds, rulebookVersion = rules.RulebookVersion }, moderators);
            }
        }
    }

    /// <summary>
    /// The "me" channel: who this post (or edit) newly mentions — the projection records a mention with the time
    /// it first appeared — and whose post it replies to.
    /// </summary>
    private async Task AddForPeopleAsync(
        List<LiveItem> items, long position, Guid topicId, TopicRow topic, Guid postId, Guid by, int number, Guid? replyTo, DateTimeOffset at, CancellationToken ct)
    {
        var audience = new Audience(topic.Access);
        var author = await AuthorAsync(by, ct);
        var mentioned = await store.QueryAsync(
            "SELECT m.member_id FROM post_mentions x JOIN member_cards m ON lower(m.user_name) = x.user_name WHERE x.post_id = @p AND x.at = @at",
            r => r.GetGuid(0), ct, ("p", Sql.Id(store.Engine, postId)), ("at", Sql.Time(store.Engine, at)));
        foreach (var member in mentioned.Where(m => m != by))
        {
            items.Add(new LiveItem(position, LiveChannels.Me, "mention", new { topicId, title = topic.Title, postId, number, by = author }, audience with { Member = member }));
        }

        if (replyTo is { } quoted && await PostAsync(quoted, ct) is { } original && original.Author != by && !mentioned.Contains(original.Author))
        {
            items.Add(new LiveItem(position, LiveChannels.Me, "reply", new { topicId, title = topic.Title, postId, number, by = author }, audience with { Member = original.Author }));
        }
    }

    private sealed record TopicRow(string Title, string Category, IReadOnlyList<string> Access);

    private sealed record PostRow(int Number, Guid Author, string Html, bool Hidden);

    private async Task<TopicRow?> TopicAsync(Guid topicId, CancellationToken ct) => (await store.QueryAsync(
        "SELECT t.title, t.category, c.access FROM topics t LEFT JOIN categories c ON c.slug = t.category WHERE t.topic_id = @t",
        r => new TopicRow(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? [] : Viewer.Parse(r.GetString(2))),
        ct,
        ("t", Sql.Id(store.Engine, topicId)))).SingleOrDefault();

    private async Task<PostRow?> PostAsync(Guid postId, CancellationToken ct) => (await store.QueryAsync(
        "SELECT number, author_id, html, hidden FROM posts WHERE post_id = @p", r => new PostRow(r.GetInt32(0), r.GetGuid(1), r.GetString(2), r.GetBoolean(3)), ct,
        ("p", Sql.Id(store.Engine, postId)))).SingleOrDefault();

    /// <summary>A held post's HTML while it waits (after a decision it is gone from there; a replay then sends none).</summary>
    private async Task<string?> HeldHtmlAsync(Guid postId, CancellationToken ct) => (await store.QueryAsync(
        "SELECT html FROM held_posts WHERE post_id = @p", r => r.GetString(0), ct, ("p", Sql.Id(store.Engine, postId)))).SingleOrDefault();

    /// <summary>Who wrote a held post, from the topic's log (its row is gone once rejected): for rejections recorded before they named the author.</summary>
    private async Task<Guid?> AuthorOfHeldAsync(string streamId, Guid postId, CancellationToken ct) =>
        (await store.ReadStreamAsync(streamId, 0, ct)).Select(x => x.Data).OfType<PostHeld>().Where(h => h.PostId == postId).Select(h => (Guid?)h.AuthorId).FirstOrDefault();

    private async Task<AuthorRef> AuthorAsync(Guid memberId, CancellationToken ct) => new(memberId, (await store.QueryAsync(
        "SELECT user_name FROM member_cards WHERE member_id = @m", r => r.GetString(0), ct, ("m", Sql.Id(store.Engine, memberId)))).SingleOrDefault());

    private async Task<Dictionary<string, int>> ReactionsAsync(Guid postId, CancellationToken ct) => (await store.QueryAsync(
        "SELECT kind, count(*) FROM post_reactions WHERE post_id = @p GROUP BY kind",
        r => (Kind: r.GetString(0), Count: Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)),
        ct,
        ("p", Sql.Id(store.Engine, postId)))).ToDictionary(x => x.Kind, x => x.Count, StringComparer.Ordinal);
}
