using System.Globalization;
using BrandForum.Domain.Members;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Analytics;

/// <summary>
/// Folds the log into the dashboard's facts (see <see cref="AnalyticsSchema"/>): who registered and with which roles,
/// who was active each day (a visit, a post or a reaction), per day and category the topics, posts, replies,
/// reactions, held and flagged posts and review decisions, and per topic whether it is solved and the hours to its first reply by someone
/// else — by anyone, by a member, by staff or an ambassador. Async and rebuildable (<c>projections rebuild analytics</c>),
/// so a new metric is back-filled by a rebuild.
///
/// Whether a reply is "staff" is decided with the roles its author held when it was posted (role events are in the
/// log, in order), so a rebuild gives the same answer as the live run. A batch keeps every row it touches in memory
/// and writes each once at the end, a table at a time (<see cref="BulkWrite"/>); members and topics it learnt are
/// carried to the next batch (<see cref="CarriedState{T}"/>), so a rebuild reads each of them once.
/// </summary>
public sealed class AnalyticsProjection : IProjection
{
    public const string ProjectionName = "analytics";

    private readonly CarriedState<AnalyticsMemory> _memory = new(() => new AnalyticsMemory());

    public string Name => ProjectionName;

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        MembersSetup.EventNames[typeof(MemberRegistered)],
        MembersSetup.EventNames[typeof(RoleGranted)],
        MembersSetup.EventNames[typeof(RoleRevoked)],
        MembersSetup.EventNames[typeof(MemberVisited)],
        TopicsSetup.EventNames[typeof(TopicStarted)],
        TopicsSetup.EventNames[typeof(TopicMoved)],
        TopicsSetup.EventNames[typeof(PostPublished)],
        TopicsSetup.EventNames[typeof(ReactionAdded)],
        TopicsSetup.EventNames[typeof(ReactionRemoved)],
        TopicsSetup.EventNames[typeof(PostHeld)],
        TopicsSetup.EventNames[typeof(PostFlagged)],
        TopicsSetup.EventNames[typeof(ReviewDecided)],
        Animation.AnimationSetup.TopicEventNames[typeof(SolutionMarked)],
        Animation.AnimationSetup.TopicEventNames[typeof(SolutionCleared)],
    };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var memory = _memory.Take(context);
        var batch = new AnalyticsBatch(context, memory);
        await batch.PreloadTopicsAsync(events, ct);
        foreach (var e in events)
        {
            switch (e.Data)
            {
                case MemberRegistered r:
                    batch.Register(r.MemberId, r.At);
                    break;
                case RoleGranted g:
                    await batch.ChangeRoleAsync(MembersSetup.MemberIdOf(e.StreamId), g.Role, true, ct);
                    break;
                case RoleRevoked r:
                    await batch.ChangeRoleAsync(MembersSetup.MemberIdOf(e.StreamId), r.Role, false, ct);
                    break;
                case MemberVisited v:
                    batch.Active(AnalyticsSchema.Day(v.Day), v.MemberId);
                    break;
                case TopicStarted s:
                    batch.Start(s);
                    break;
                case TopicMoved m when await batch.TopicAsync(TopicsSetup.TopicIdOf(e.StreamId), ct) is { } moved:
                    batch.Change(moved, t => t.Category = m.To);
                    break;
                case SolutionMarked when await batch.TopicAsync(TopicsSetup.TopicIdOf(e.StreamId), ct) is { } solved:
                    batch.Change(solved, t => t.Solved = true);
                    break;
                case SolutionCleared when await batch.TopicAsync(TopicsSetup.TopicIdOf(e.StreamId), ct) is { } unsolved:
                    batch.Change(unsolved, t => t.Solved = false);
                    break;
                case PostPublished p when await batch.TopicAsync(TopicsSetup.TopicIdOf(e.StreamId), ct) is { } topic:
                    await batch.PublishAsync(topic, p, ct);
                    break;
                case ReactionAdded a:
                    batch.Active(batch.Day(a.At), a.MemberId);
                    await batch.ReactAsync(TopicsSetup.TopicIdOf(e.StreamId), +1, a.At, ct);
                    break;
                case ReactionRemoved r:
                    await batch.ReactAsync(TopicsSetup.TopicIdOf(e.StreamId), -1, r.At, ct);
                    break;
                case PostHeld h when await batch.TopicAsync(TopicsSetup.TopicIdOf(e.StreamId), ct) is { } topic:
                    batch.Count(AnalyticsMetrics.Held, h.At, topic.Category, 1);
                    await batch.OpenReviewAsync(h.PostId, h.At, ct);
                    break;
                case PostFlagged f when await batch.TopicAsync(TopicsSetup.TopicIdOf(e.StreamId), ct) is { } topic:
                    batch.Count(AnalyticsMetrics.Flagged, f.At, topic.Category, 1);
                    await batch.OpenReviewAsync(f.PostId, f.At, ct);
                    break;
                case ReviewDecided d when await batch.TopicAsync(TopicsSetup.TopicIdOf(e.StreamId), ct) is { } topic:
                    await batch.DecideReviewAsync(d.PostId, d.At, topic.Category, ct);
                    break;
            }
        }

        await batch.SaveAsync(ct);
        if (memory.Small)
        {
            _memory.Keep(context, memory);
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        _memory.Forget();
        foreach (var table in new[] { "analytics_members", "analytics_member_days", "analytics_days", "analytics_topics", "analytics_reviews" })
        {
            await context.ExecuteAsync($"DELETE FROM {table}", ct);
        }
    }

    public static Guid ReadId(object value) => value as Guid? ?? Guid.Parse((string)value);

    public static bool ReadFlag(object value) => value is bool b ? b : Convert.ToInt64(value, CultureInfo.InvariantCulture) != 0;

    public static double? ReadHours(object value) => value is DBNull ? null : Convert.ToDouble(value, CultureInfo.InvariantCulture);
}

/// <summary>The names of the daily metrics the projection stores.</summary>
public static class AnalyticsMetrics
{
    public const string Topics = "topics";
    public const string Posts = "posts";
    public const string Replies = "replies";
    public const string Reactions = "reactions";
    public const string Held = "held";
    public const string Flagged = "flagged";
    public const string Decisions = "decisions";
    public const string DecisionHours = "decision-hours";
}
