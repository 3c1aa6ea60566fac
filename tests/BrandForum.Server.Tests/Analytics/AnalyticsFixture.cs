using BrandForum.Domain.Members;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Tests.Analytics;

/// <summary>
/// A small community whose history is written straight into the log with controlled times, as the handlers would
/// have written it, so every KPI can be worked out by hand (the expected figures are in <see cref="KpiTests"/>).
/// </summary>
public sealed class AnalyticsFixture(IEventStore store)
{
    public static readonly DateTimeOffset Monday = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public Guid Sam { get; } = Guid.NewGuid();   // Moderator

    public Guid Ana { get; } = Guid.NewGuid();

    public Guid Bob { get; } = Guid.NewGuid();

    public Guid Carl { get; } = Guid.NewGuid();

    public Guid Amy { get; } = Guid.NewGuid();   // Ambassador

    public Guid Dan { get; } = Guid.NewGuid();

    public Guid T1 { get; } = Guid.NewGuid();

    public Guid T2 { get; } = Guid.NewGuid();

    public Guid T3 { get; } = Guid.NewGuid();

    public Guid T4 { get; } = Guid.NewGuid();

    public static DateTimeOffset At(int day, double hour) => Monday.AddDays(day - 2).AddHours(hour); // day of March

    public async Task WriteAsync()
    {
        await MemberAsync(Sam, "sam", new DateTimeOffset(2026, 2, 1, 8, 0, 0, TimeSpan.Zero), Roles.Moderator);
        await MemberAsync(Dan, "dan", new DateTimeOffset(2026, 1, 10, 8, 0, 0, TimeSpan.Zero));
        await MemberAsync(Carl, "carl", new DateTimeOffset(2026, 2, 15, 8, 0, 0, TimeSpan.Zero));
        await MemberAsync(Amy, "amy", new DateTimeOffset(2026, 2, 20, 8, 0, 0, TimeSpan.Zero), Roles.Ambassador);
        await MemberAsync(Ana, "ana", At(2, 9));
        await MemberAsync(Bob, "bob", At(3, 8));
        await VisitAsync(Dan, new DateTimeOffset(2026, 2, 25, 10, 0, 0, TimeSpan.Zero));
        await VisitAsync(Carl, At(1, 10));
        await VisitAsync(Ana, At(2, 9.5));
        await VisitAsync(Ana, At(3, 8));
        await VisitAsync(Bob, At(3, 8.5));

        var t1 = await TopicAsync(T1, "news", Ana, At(2, 10));
        var carlsAnswer = await ReplyAsync(T1, Carl, At(2, 12));
        await ReplyAsync(T1, Sam, At(2, 14));
        await ReplyAsync(T1, Ana, At(2, 15));
        await AppendAsync(T1, new SolutionMarked(carlsAnswer, Ana, At(2, 16)));
        await AppendAsync(T1, new ReactionAdded(t1, "like", Bob, At(3, 16)));
        var held = Guid.NewGuid();
        await AppendAsync(T1, new PostHeld(held, Bob, "A first reply that waits.", null, At(3, 10), new RuleTrace(1, ["links"])));
        await AppendAsync(T1, new ReviewDecided(held, ReviewDecision.Reject, "Spam", null, Sam, At(3, 13)), new PostRejected(held, Sam, "Spam", At(3, 13)));

        var t2 = await TopicAsync(T2, "news", Bob, At(3, 9));
        var samsAnswer = await ReplyAsync(T2, Sam, At(3, 9.5));
        await AppendAsync(T2, new SolutionMarked(samsAnswer, Bob, At(3, 10)), new SolutionCleared(samsAnswer, Bob, At(3, 11))); // unmarked: not solved
        await ReplyAsync(T2, Carl, At(4, 9));
        await AppendAsync(T2, new PostFlagged(t2, Ana, FlagReason.OffTopic, null, 1, At(4, 10)));
        await AppendAsync(T2, new ReviewDecided(t2, ReviewDecision.Approve, null, false, Sam, At(4, 11)));

        await TopicAsync(T3, "other", Carl, At(4, 8));
        await ReplyAsync(T3, Amy, At(5, 20));

        await TopicAsync(T4, "news", Ana, At(6, 12));
    }

    public async Task MemberAsync(Guid id, string name, DateTimeOffset at, string? role = null)
    {
        List<object> events = [new MemberRegistered(id, name, at, null)];
        if (role is not null)
        {
            events.Add(new RoleGranted(role, id, at));
        }

        await store.AppendAsync(MembersSetup.StreamId(id), ExpectedVersion.Any, events);
    }

    private Task<AppendResult> VisitAsync(Guid member, DateTimeOffset at) =>
        store.AppendAsync(Visits.StreamId(member), ExpectedVersion.Any, [new MemberVisited(member, DateOnly.FromDateTime(at.UtcDateTime), at)]);

    public async Task<Guid> TopicAsync(Guid topic, string category, Guid author, DateTimeOffset at)
    {
        var post = Guid.NewGuid();
        await AppendAsync(topic, new TopicStarted(topic, category, $"Topic {topic:N}", author, at), new PostPublished(post, 1, author, "Hello, what do you think?", null, at));
        return post;
    }

    private readonly Dictionary<Guid, int> _numbers = [];

    /// <summary>Publishes a reply; returns its post id.</summary>
    public async Task<Guid> ReplyAsync(Guid topic, Guid author, DateTimeOffset at, string? body = null)
    {
        var number = _numbers[topic] = _numbers.GetValueOrDefault(topic, 1) + 1;
        var post = Guid.NewGuid();
        await AppendAsync(topic, new PostPublished(post, number, author, body ?? $"Reply number {number}, kindly written.", null, at));
        return post;
    }

    private Task<AppendResult> AppendAsync(Guid topic, params object[] events) => store.AppendAsync(TopicsSetup.StreamId(topic), ExpectedVersion.Any, events);
}
