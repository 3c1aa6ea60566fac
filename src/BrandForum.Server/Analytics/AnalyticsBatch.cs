using BrandForum.Domain.Members;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Analytics;

/// <summary>A topic's row while a batch works on it.</summary>
internal sealed class TopicFacts(Guid topicId, string category, Guid authorId, DateTimeOffset startedAt)
{
    public Guid TopicId { get; } = topicId;

    public string Category { get; set; } = category;

    public Guid AuthorId { get; } = authorId;

    public DateTimeOffset StartedAt { get; } = startedAt;

    public bool Opened { get; set; }

    public double? FirstResponseHours { get; set; }

    public double? FirstMemberHours { get; set; }

    public double? FirstStaffHours { get; set; }

    public int Replies { get; set; }

    public int Reactions { get; set; }

    /// <summary>A reply is marked as the topic's solution (and not unmarked since).</summary>
    public bool Solved { get; set; }
}

/// <summary>
/// What the analytics projection knows of members and topics (null: not in the tables), carried from one batch to the
/// next while the checkpoint follows (<see cref="CarriedState{T}"/>): a rebuild's batches keep coming back to the same
/// members and recent topics.
/// </summary>
internal sealed class AnalyticsMemory
{
    /// <summary>Beyond this many members and topics, what a batch learnt is not carried to the next (memory stays bounded).</summary>
    public const int MaxRows = 500_000;

    public Dictionary<Guid, (DateTimeOffset At, HashSet<string> Roles)?> Members { get; } = [];

    public Dictionary<Guid, TopicFacts?> Topics { get; } = [];

    /// <summary>The members whose replies count as staff answers, once read.</summary>
    public HashSet<Guid>? Answerers { get; set; }

    /// <summary>The latest day in <c>analytics_member_days</c> once read ("" for none): rows of later days are new.</summary>
    public string? LastMemberDay { get; set; }

    public bool Small => Members.Count + Topics.Count <= MaxRows;
}

/// <summary>
/// One batch of the analytics projection: rows are read once on first use, changed in memory, written once by
/// <see cref="SaveAsync"/>. Nothing is written before the end, so a read never needs to flush.
/// </summary>
internal sealed class AnalyticsBatch(ProjectionContext context, AnalyticsMemory memory)
{
    private readonly StorageEngine _engine = context.Engine;
    private readonly Dictionary<Guid, (DateTimeOffset At, HashSet<string> Roles)?> _members = memory.Members;
    private readonly HashSet<Guid> _changedMembers = [];
    private readonly Dictionary<Guid, TopicFacts?> _topics = memory.Topics;
    private readonly HashSet<Guid> _changedTopics = [];
    private readonly Dictionary<(string Day, string Category, Guid MemberId), int> _contributions = [];
    private readonly Dictionary<Guid, DateTimeOffset?> _reviews = [];
    private readonly HashSet<Guid> _changedReviews = [];
    private readonly HashSet<(string Day, Guid MemberId)> _active = [];
    private readonly Dictionary<(string Metric, string Day, string Category), double> _days = [];
    private (DateOnly Date, string Text) _lastDay;

    public void Register(Guid memberId, DateTimeOffset at)
    {
        _members[memberId] = (at, new HashSet<string>(StringComparer.Ordinal));
        _changedMembers.Add(memberId);
    }

    public async ValueTask ChangeRoleAsync(Guid memberId, string role, bool granted, CancellationToken ct)
    {
        if (await MemberAsync(memberId, ct) is not { } member)
        {
            return;
        }

        if (granted ? member.Roles.Add(role) : member.Roles.Remove(role))
        {
            _changedMembers.Add(memberId);
            var answerers = await AnswerersAsync(ct);
            if (IsAnswerer(member.Roles))
            {
                answerers.Add(memberId);
            }
            else
            {
                answerers.Remove(memberId);
            }
        }
    }

    public void Active(string day, Guid memberId) => _active.Add((day, memberId));

    public void Count(string metric, DateTimeOffset at, string category, double delta)
    {
        var key = (metric, Day(at), category);
        _days[key] = _days.GetValueOrDefault(key) + delta;
    }

    public void Start(TopicStarted s)
    {
        _topics[s.TopicId] = new TopicFacts(s.TopicId, s.Category, s.AuthorId, s.At);
        _changedTopics.Add(s.TopicId);
    }

    /// <summary>A post goes public: the opening post opens its topic; a reply by someone else may be its first response.</summary>
    public async ValueTask PublishAsync(TopicFacts topic, PostPublished p, CancellationToken ct)
    {
        _changedTopics.Add(topic.TopicId);
        var day = Day(p.At);
        var contribution = (day, topic.Category, p.AuthorId);
        _contributions[contribution] = _contributions.GetValueOrDefault(contribution) + 1;
        Active(day, p.AuthorId);
        Count(AnalyticsMetrics.Posts, p.At, topic.Category, 1);
        if (p.Number == 1)
        {
            topic.Opened = true;
            Count(AnalyticsMetrics.Topics, p.At, topic.Category, 1);
            return;
        }

        topic.Replies++;
        Count(AnalyticsMetrics.Replies, p.At, topic.Category, 1);
        if (p.AuthorId == topic.AuthorId)
        {
            return;
        }

        var hours = Math.Max(0, (p.At - topic.StartedAt).TotalHours);
        topic.FirstResponseHours ??= hours;
        if (await IsStaffOrAmbassadorAsync(p.AuthorId, ct))
        {
            topic.FirstStaffHours ??= hours;
        }
        else
        {
            topic.FirstMemberHours ??= hours;
        }
    }

    /// <summary>A reaction is an event of its post's topic stream: the topic is known without looking the post up.</summary>
    public async ValueTask ReactAsync(Guid topicId, int delta, DateTimeOffset at, CancellationToken ct)
    {
        if (await TopicAsync(topicId, ct) is not { } topic)
        {
            return;
        }

        topic.Reactions += delta;
        _changedTopics.Add(topic.TopicId);
        Count(AnalyticsMetrics.Reactions, at, topic.Category, delta);
    }

    /// <summary>A post enters review (held or flagged); a second reason while it waits does not restart the clock.</summary>
    public async ValueTask OpenReviewAsync(Guid postId, DateTimeOffset at, CancellationToken ct)
    {
        if (await ReviewAsync(postId, ct) is null)
        {
            _reviews[postId] = at;
            _changedReviews.Add(postId);
        }
    }

    public async ValueTask DecideReviewAsync(Guid postId, DateTimeOffset at, string category, CancellationToken ct)
    {
        if (await ReviewAsync(postId, ct) is not { } opened)
        {
            return;
        }

        _reviews[postId] = null;
        _changedReviews.Add(postId);
        Count(AnalyticsMetrics.Decisions, at, category, 1);
        Count(AnalyticsMetrics.DecisionHours, at, category, Math.Max(0, (at - opened).TotalHours));
    }

    /// <summary>A change to the topic's row itself: its category (moved) or whether it is solved.</summary>
    public void Change(TopicFacts topic, Action<TopicFacts> change)
    {
        change(topic);
        _changedTopics.Add(topic.TopicId);
    }

    private const string TopicColumns =
        "topic_id, category, author_id, started_at, opened, first_response_hours, first_member_hours, first_staff_hours, replies, reactions, solved";

    /// <summary>
    /// Reads the rows of every topic the batch's events touch in a few queries (a rebuild's page touches thousands),
    /// instead of one query per topic on first use.
    /// </summary>
    public async Task PreloadTopicsAsync(IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var ids = events.Where(e => e.StreamType == "topic" && e.Data is not TopicStarted).Select(e => TopicsSetup.TopicIdOf(e.StreamId))
            .Where(id => !_topics.ContainsKey(id)).Distinct().ToList();
        foreach (var id in ids)
        {
            _topics[id] = null; // not in the table (yet): started later in this batch, or never
        }

        await context.ReadInChunksAsync(ids, $"SELECT {TopicColumns} FROM analytics_topics WHERE topic_id IN ({{0}})", reader =>
        {
            var topic = ReadTopic(reader);
            _topics[topic.TopicId] = topic;
        }, ct);
    }

    public async ValueTask<TopicFacts?> TopicAsync(Guid topicId, CancellationToken ct)
    {
        if (_topics.TryGetValue(topicId, out var known))
        {
            return known;
        }

        await using var reader = await context.Command($"SELECT {TopicColumns} FROM analytics_topics WHERE topic_id = @t", ("t", Sql.Id(_engine, topicId))).ExecuteReaderAsync(ct);
        return _topics[topicId] = await reader.ReadAsync(ct) ? ReadTopic(reader) : null;
    }

    private static TopicFacts ReadTopic(System.Data.Common.DbDataReader reader) =>
        new(AnalyticsProjection.ReadId(reader.GetValue(0)), reader.GetString(1), AnalyticsProjection.ReadId(reader.GetValue(2)), Sql.ReadTime(reader, 3))
        {
            Opened = AnalyticsProjection.ReadFlag(reader.GetValue(4)),
            FirstResponseHours = AnalyticsProjection.ReadHours(reader.GetValue(5)),
            FirstMemberHours = AnalyticsProjection.ReadHours(reader.GetValue(6)),
            FirstStaffHours = AnalyticsProjection.ReadHours(reader.GetValue(7)),
            Replies = reader.GetInt32(8),
            Reactions = reader.GetInt32(9),
            Solved = AnalyticsProjection.ReadFlag(reader.GetValue(10)),
        };

    /// <summary>A UTC day as stored, formatted once for the run of events on the same day (a batch is mostly such runs).</summary>
    public string Day(DateTimeOffset at)
    {
        var date = DateOnly.FromDateTime(at.UtcDateTime);
        if (_lastDay.Text is null || _lastDay.Date != date)
        {
            _lastDay = (date, AnalyticsSchema.Day(date));
        }

        return _lastDay.Text;
    }

    private async ValueTask<(DateTimeOffset At, HashSet<string> Roles)?> MemberAsync(Guid memberId, CancellationToken ct)
    {
        if (_members.TryGetValue(memberId, out var known))
        {
            return known;
        }

        await using var reader = await context.Command("SELECT registered_at, roles FROM analytics_members WHERE member_id = @m", ("m", Sql.Id(_engine, memberId))).ExecuteReaderAsync(ct);
        return _members[memberId] = await reader.ReadAsync(ct)
            ? (Sql.ReadTime(reader, 0), reader.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal))
            : null;
    }

    private async ValueTask<bool> IsStaffOrAmbassadorAsync(Guid memberId, CancellationToken ct) => (await AnswerersAsync(ct)).Contains(memberId);

    private static bool IsAnswerer(HashSet<string> roles) => roles.Contains(Roles.Moderator) || roles.Contains(Roles.Admin) || roles.Contains(Roles.Ambassador);

    /// <summary>
    /// The members whose replies count as staff answers, read once a batch: they are few, and nearly every reply is by
    /// someone who holds no role, which then costs no read at all.
    /// </summary>
    private async ValueTask<HashSet<Guid>> AnswerersAsync(CancellationToken ct)
    {
        if (memory.Answerers is not { } answerers)
        {
            answerers = memory.Answerers = [];
            await using var reader = await context.Command("SELECT member_id, roles FROM analytics_members WHERE roles <> ''").ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                if (IsAnswerer(reader.GetString(1).Split(',').ToHashSet(StringComparer.Ordinal)))
                {
                    answerers.Add(AnalyticsProjection.ReadId(reader.GetValue(0)));
                }
            }
        }

        return answerers;
    }

    private async ValueTask<DateTimeOffset?> ReviewAsync(Guid postId, CancellationToken ct)
    {
        if (_reviews.TryGetValue(postId, out var known))
        {
            return known;
        }

        await using var reader = await context.Command("SELECT opened_at FROM analytics_reviews WHERE post_id = @p", ("p", Sql.Id(_engine, postId))).ExecuteReaderAsync(ct);
        return _reviews[postId] = await reader.ReadAsync(ct) ? Sql.ReadTime(reader, 0) : null;
    }

    /// <summary>How the batch writes each table: every changed row once, all of a table's rows at once.</summary>
    private static class Writes
    {
        public static readonly BulkWrite Members = BulkWrite.Insert("analytics_members", "member_id uuid, registered_at timestamptz, day text, roles text",
            "ON CONFLICT (member_id) DO UPDATE SET roles = excluded.roles");


        public static readonly BulkWrite Days = BulkWrite.Insert("analytics_days", "day text, category text, metric text, value double precision",
            "ON CONFLICT (metric, day, category) DO UPDATE SET value = analytics_days.value + excluded.value");

        public static readonly BulkWrite MemberDays = BulkWrite.Insert("analytics_member_days", "day text, member_id uuid, category text, posts int",
            "ON CONFLICT (day, member_id, category) DO UPDATE SET posts = analytics_member_days.posts + excluded.posts");

        public static readonly BulkWrite Topics = BulkWrite.Insert(
            "analytics_topics",
            "topic_id uuid, category text, author_id uuid, started_at timestamptz, day text, opened boolean, " +
            "first_response_hours double precision, first_member_hours double precision, first_staff_hours double precision, replies int, reactions int, solved boolean",
            "ON CONFLICT (topic_id) DO UPDATE SET category = excluded.category, opened = excluded.opened, solved = excluded.solved, " +
            "first_response_hours = excluded.first_response_hours, first_member_hours = excluded.first_member_hours, first_staff_hours = excluded.first_staff_hours, " +
            "replies = excluded.replies, reactions = excluded.reactions");

        public static readonly BulkWrite Reviews = BulkWrite.Insert("analytics_reviews", "post_id uuid, opened_at timestamptz",
            "ON CONFLICT (post_id) DO UPDATE SET opened_at = excluded.opened_at");
    }

    public async Task SaveAsync(CancellationToken ct)
    {
        await Writes.Members.WriteAsync(context, _changedMembers.Select(id => (Id: id, Member: _members[id]!.Value)).Select(m =>
            Row(m.Id, m.Member.At, AnalyticsSchema.Day(m.Member.At), string.Join(',', m.Member.Roles.Order(StringComparer.Ordinal)))), ct);
        await Writes.Days.WriteAsync(context, _days.Select(d => Row(d.Key.Day, d.Key.Category, d.Key.Metric, d.Value)), ct);
        // A member-day with posts is active through them; one without gets a row of its own (category '', no posts).
        // Rows of days after the latest one stored are new (nearly all of a rebuild's): they go by the cheaper path.
        var posted = _contributions.Keys.Select(c => (c.Day, c.MemberId)).ToHashSet();
        var lastDay = memory.LastMemberDay ??= await context.ScalarAsync<string>("SELECT MAX(day) FROM analytics_member_days", ct) ?? "";
        var memberDays = _contributions.Select(c => Row(c.Key.Day, c.Key.MemberId, c.Key.Category, c.Value))
            .Concat(_active.Where(a => !posted.Contains(a)).Select(a => Row(a.Day, a.MemberId, "", 0)))
            .ToLookup(r => string.CompareOrdinal((string)r[0]!, lastDay) > 0);
        await Writes.MemberDays.WriteNewAsync(context, memberDays[true], ct);
        await Writes.MemberDays.WriteAsync(context, memberDays[false], ct);
        memory.LastMemberDay = memberDays[true].Select(r => (string)r[0]!).Append(memory.LastMemberDay).Max(StringComparer.Ordinal);
        await Writes.Topics.WriteAsync(context, _changedTopics.Select(id => _topics[id]!).Select(t => Row(
            t.TopicId, t.Category, t.AuthorId, t.StartedAt, AnalyticsSchema.Day(t.StartedAt), t.Opened,
            t.FirstResponseHours, t.FirstMemberHours, t.FirstStaffHours, t.Replies, t.Reactions, t.Solved)), ct);
        await Writes.Reviews.WriteAsync(context, _changedReviews.Where(id => _reviews[id] is not null).Select(id => Row(id, _reviews[id])), ct);
        foreach (var id in _changedReviews.Where(id => _reviews[id] is null))
        {
            await context.WriteAsync("DELETE FROM analytics_reviews WHERE post_id = @p", ct, ("p", Sql.Id(_engine, id)));
        }

        await context.FlushAsync(ct);
    }

    private static object?[] Row(params object?[] values) => values;
}
