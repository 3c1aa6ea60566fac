extern alias server;

using System.Diagnostics;
using System.Text.Json;
using BrandForum.Domain.Members;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using Microsoft.Extensions.DependencyInjection;
using server::BrandForum.Server.Badges;
using server::BrandForum.Server.Members;
using server::BrandForum.Server.Referrals;
using server::BrandForum.Server.Storage;
using server::BrandForum.Server.Topics;

namespace BrandForum.Benchmarks;

/// <summary>
/// Rebuilding the badges projection — badge awards and the leaderboards' activity per day — over <c>events</c> events
/// of a forum's life: 50 % posts, 40 % reactions to earlier posts by others, 10 % daily visits, by 10,000 members in
/// 20,000 topics over 300 days. The log is bulk-loaded (not timed). Baseline, measured in the same run: rebuilding a
/// projection that takes the same events and does nothing, i.e. reading and deserializing them.
/// </summary>
public static class BadgesScenario
{
    public sealed record Row(StorageEngine Engine, long Events, double BaselineSeconds, double Seconds, long Awards)
    {
        public double PerSecond => Events / Seconds;

        public double BaselinePerSecond => Events / BaselineSeconds;
    }

    private const int Members = 10_000;
    private const int Topics = 20_000;
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<Row> RunAsync(StorageEngine engine, int events)
    {
        var location = BenchStores.NewLocation(engine);
        using var host = BacktestScenario.BuildHost(engine, location, new BenchClock(Start.AddDays(301)), (services, configuration) => services.AddReferrals(configuration).AddBadges());
        await host.Services.MigrateForumStorageAsync();
        var store = host.Services.GetRequiredService<SqlEventStore>();
        var seeding = Stopwatch.StartNew();
        await BenchLog.SeedAsync(store, location, () => Log(events));
        Console.WriteLine($"  {engine,-8} seeded {events:N0} events in {seeding.Elapsed.TotalSeconds:F1} s");

        var badges = new BadgeProjection(new BadgeCatalogue(BadgeCatalogue.Defaults), new BenchClock(Start.AddDays(301)));
        var reading = Stopwatch.StartNew();
        var read = await new ProjectionRunner(store, new NothingProjection(badges.EventTypes), ProjectionRunner.RebuildBatchSize).RebuildAsync();
        var baseline = reading.Elapsed.TotalSeconds;
        var clock = Stopwatch.StartNew();
        var applied = await new ProjectionRunner(store, badges, ProjectionRunner.RebuildBatchSize).RebuildAsync();
        var awards = (await store.QueryAsync("SELECT count(*) FROM badge_awards", r => Convert.ToInt64(r.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), CancellationToken.None))[0];
        var row = new Row(engine, applied, baseline, clock.Elapsed.TotalSeconds, awards);
        Console.WriteLine($"  {engine,-8} rebuild badges {applied:N0} events in {row.Seconds:F1} s = {row.PerSecond:N0} events/s, {awards:N0} awards " +
                          $"(baseline: reading the same {read:N0} events {baseline:F1} s = {row.BaselinePerSecond:N0} events/s; badges take {row.Seconds / baseline:F1}× the reading)");
        return row;
    }

    /// <summary>The same log every run: one seeded <see cref="Random"/>, ids included (time-ordered, as the server makes them).</summary>
    private static IEnumerable<LogRow> Log(int events)
    {
        var random = new Random(7);
        var members = Enumerable.Range(0, Members).Select(i => BenchLog.TimeOrderedId(random, Start.AddMinutes(i - Members))).ToArray();
        var topics = Enumerable.Range(0, Topics).Select(i => BenchLog.TimeOrderedId(random, Start.AddSeconds(i - Topics))).ToArray();
        var posts = new List<(Guid Post, Guid Author, int Topic)>(events);
        var topicPosts = new int[Topics];
        var visits = new int[Members];
        var lastVisit = new DateOnly[Members];
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var published = TopicsSetup.EventNames[typeof(PostPublished)];
        var reacted = TopicsSetup.EventNames[typeof(ReactionAdded)];
        var visited = MembersSetup.EventNames[typeof(MemberVisited)];
        LogRow Row(string stream, string type, object data) =>
            new(stream, stream[..stream.IndexOf('-', StringComparison.Ordinal)], versions[stream] = versions.GetValueOrDefault(stream) + 1, type, JsonSerializer.Serialize(data, data.GetType(), EventTypeRegistry.JsonOptions));

        for (var n = 0; n < events; n++)
        {
            var at = Start + TimeSpan.FromDays(300.0 * n / events);
            var member = random.Next(Members);
            var kind = n % 20;
            if (kind < 2 && lastVisit[member] != DateOnly.FromDateTime(at.UtcDateTime))
            {
                lastVisit[member] = DateOnly.FromDateTime(at.UtcDateTime);
                visits[member]++;
                yield return Row($"visits-{members[member]}", visited, new MemberVisited(members[member], lastVisit[member], at));
            }
            else if (kind >= 12 && posts.Count > 0 && posts[random.Next(posts.Count)] is var post && post.Author != members[member])
            {
                yield return Row($"topic-{topics[post.Topic]}", reacted, new ReactionAdded(post.Post, "like", members[member], at));
            }
            else
            {
                var topic = random.Next(Topics);
                var postId = BenchLog.TimeOrderedId(random, at);
                posts.Add((postId, members[member], topic));
                yield return Row($"topic-{topics[topic]}", published, new PostPublished(postId, ++topicPosts[topic], members[member], "A reply of ordinary length, with a question and a thank-you.", null, at));
            }
        }
    }

    /// <summary>Takes the badges projection's events and does nothing with them: what reading the log costs.</summary>
    private sealed class NothingProjection(IReadOnlySet<string>? types) : IProjection
    {
        public string Name => "bench.badges-baseline";

        public IReadOnlySet<string>? EventTypes => types;

        public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct) => Task.CompletedTask;

        public Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
    }
}
