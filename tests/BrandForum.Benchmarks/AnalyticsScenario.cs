extern alias server;

using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BrandForum.Domain.Listening;
using BrandForum.Domain.Members;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using server::BrandForum.Server.Analytics;
using server::BrandForum.Server.Listening;
using server::BrandForum.Server.Members;
using server::BrandForum.Server.Seeding;
using server::BrandForum.Server.Topics;

namespace BrandForum.Benchmarks;

/// <summary>
/// The CMs' analytics: (1) the KPI API and the dashboard page for the demo community, projections caught up, through
/// the real server; (2) rebuilding the analytics and listening projections over a bulk-loaded log of forum events
/// (registrations, visits, topics, replies, reactions), next to a projection that only reads and decodes the same log.
/// </summary>
public static class AnalyticsScenario
{
    public const int Connections = 4;

    public static async Task<IReadOnlyList<string>> DashboardAsync(TimeSpan duration)
    {
        var environment = BenchServer.Environment(BenchStores.NewLocation(StorageEngine.Postgres), postgres: true);
        Console.WriteLine("  seeding: seed --demo (synchronous_commit off for the seed only)");
        await BenchServer.RunCommandAsync(
            new Dictionary<string, string>(environment) { ["ConnectionStrings__Forum"] = environment["ConnectionStrings__Forum"] + ";Options=-c synchronous_commit=off" },
            "seed", "--demo");
        await using var server = await BenchServer.StartAsync(environment);
        using var client = HttpLoad.Client(server.BaseAddress, Connections);
        var login = await client.PostAsJsonAsync("/api/auth/login", new { login = DemoCommunity.AdminUserName, password = DemoCommunity.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        await CaughtUpAsync(client, AnalyticsProjection.ProjectionName);

        var today = DateTime.UtcNow.Date;
        var query = $"from={today.AddDays(-89):yyyy-MM-dd}&to={today:yyyy-MM-dd}";
        using var probe = await client.SendAsync(Get($"/api/analytics/kpis?{query}", token));
        var kpis = await probe.Content.ReadFromJsonAsync<JsonElement>();
        Console.WriteLine($"  demo community over 90 days: {kpis.GetProperty("members")} members, {kpis.GetProperty("topics")} topics, {kpis.GetProperty("posts")} posts");

        Func<int, long, HttpRequestMessage> api = (_, _) => Get($"/api/analytics/kpis?{query}", token);
        Func<int, long, HttpRequestMessage> page = (_, _) => Get($"/moderation/analytics?{query}", token);
        await HttpLoad.WarmUpAsync(client, Connections, TimeSpan.FromSeconds(3), api);
        await HttpLoad.WarmUpAsync(client, Connections, TimeSpan.FromSeconds(3), page);
        var json = await HttpLoad.RunAsync($"GET /api/analytics/kpis (90 days) at {Connections} connections", client, Connections, duration, api);
        var html = await HttpLoad.RunAsync($"GET /moderation/analytics (KPIs + 8 SVG series, 90 days) at {Connections} connections", client, Connections, duration, page);
        return
        [
            Goal($"KPI API for the demo community p99 < 200 ms: {json.P99Ms:F1} ms ({json.Errors} errors)", json.P99Ms < 200 && json.Errors == 0),
            Goal($"KPI dashboard page for the demo community p99 < 200 ms: {html.P99Ms:F1} ms ({html.Errors} errors)", html.P99Ms < 200 && html.Errors == 0),
        ];
    }

    public sealed record Row(StorageEngine Engine, string Projection, long Events, double Seconds)
    {
        public double PerSecond => Events / Seconds;
    }

    public static async Task<IReadOnlyList<Row>> RebuildAsync(StorageEngine engine, int events)
    {
        var location = BenchStores.NewLocation(engine);
        var types = new EventTypeRegistry();
        foreach (var (type, name) in TopicsSetup.EventNames.Concat(MembersSetup.EventNames).Concat(ListeningSetup.EventNames))
        {
            types.Register(type, name);
        }

        await using var store = EventStoreFactory.Create(engine, location, new EventStoreOptions
        {
            Types = types, InlineProjections = [], Migrations = [.. AnalyticsSchema.All, ListeningSchema.Tables],
        });
        await store.MigrateAsync();
        var seeding = Stopwatch.StartNew();
        await BenchLog.SeedAsync(store, location, () => ForumLog(events));
        Console.WriteLine($"  {engine,-8} seeded {events:N0} forum events in {seeding.Elapsed.TotalSeconds:F1} s");

        var rows = new List<Row>();
        foreach (var projection in new IProjection[] { new DecodeOnly(), new AnalyticsProjection(), new ListeningProjection() })
        {
            var clock = Stopwatch.StartNew();
            var applied = await new ProjectionRunner(store, projection, ProjectionRunner.RebuildBatchSize).RebuildAsync();
            // The rate is over the whole log, as a rebuild has to read it all: listening handles only posts and the watchlist.
            var row = new Row(engine, projection.Name, events, clock.Elapsed.TotalSeconds);
            Console.WriteLine($"  {engine,-8} rebuild {projection.Name,-22} {events:N0} log events ({applied:N0} handled) in {row.Seconds:F1} s = {row.PerSecond:N0} events/s");
            rows.Add(row);
        }

        if (engine == StorageEngine.Sqlite)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(Path.GetDirectoryName(location["Data Source=".Length..])!, recursive: true);
        }

        return rows;
    }

    /// <summary>
    /// A year of a 10,000-member community, in time order: each member registers, then each "day slot" brings visits,
    /// a topic now and then, replies and reactions. About 10% visits, 3% topics (2 events each), 70% replies, 15% reactions.
    /// </summary>
    private static IEnumerable<LogRow> ForumLog(int events)
    {
        const int Members = 10_000;
        // Seeded, ids included (time-ordered, as the server makes them): the log is enumerated twice (streams, then events) and must come out the same.
        var random = new Random(42);
        var start = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var step = TimeSpan.FromDays(365) / events;
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var members = new Guid[Members];
        var topics = new List<(Guid Id, Guid Author, int Posts)>();
        var posts = new List<Guid>();
        string[] bodies =
        [
            "Has anyone tried the new Lumio e-bike on long rides? The battery seems great.",
            "Thanks for the tips, the rain gear advice saved my commute this week.",
            "Our local group meets on Saturday, newcomers welcome, bring your velo.",
            "The app update broke the ride history for me, anyone else?",
        ];

        LogRow Row(string stream, string type, object data)
        {
            versions[stream] = versions.GetValueOrDefault(stream) + 1;
            return new(stream, stream[..stream.IndexOf('-', StringComparison.Ordinal)], versions[stream], type, JsonSerializer.Serialize(data, data.GetType(), EventTypeRegistry.JsonOptions));
        }

        yield return Row(ListeningSetup.WatchlistStream, ListeningSetup.EventNames[typeof(WatchlistSet)],
            new WatchlistSet(["Lumio", "e-bike*", "velo*", "battery", "app update", "rival*", "#ride2025", "commute*"], Guid.Empty, start));
        var n = 1;
        for (var i = 0; i < Members && n < events; i++, n++)
        {
            members[i] = BenchLog.TimeOrderedId(random, start.AddMinutes(i));
            yield return Row(MembersSetup.StreamId(members[i]), MembersSetup.EventNames[typeof(MemberRegistered)], new MemberRegistered(members[i], $"member{i}", start.AddMinutes(i), null));
        }

        while (n < events)
        {
            var at = start + (step * n);
            var member = members[random.Next(Members)];
            var dice = random.Next(100);
            if (dice < 10)
            {
                yield return Row(Visits.StreamId(member), MembersSetup.EventNames[typeof(MemberVisited)], new MemberVisited(member, DateOnly.FromDateTime(at.UtcDateTime), at));
                n++;
            }
            else if (dice < 13 || topics.Count == 0)
            {
                var topic = (Id: BenchLog.TimeOrderedId(random, at), Author: member, Posts: 1);
                var post = BenchLog.TimeOrderedId(random, at);
                var stream = TopicsSetup.StreamId(topic.Id);
                yield return Row(stream, TopicsSetup.EventNames[typeof(TopicStarted)], new TopicStarted(topic.Id, $"category{random.Next(8)}", "A topic", member, at));
                yield return Row(stream, TopicsSetup.EventNames[typeof(PostPublished)], new PostPublished(post, 1, member, bodies[random.Next(bodies.Length)], null, at));
                topics.Add(topic);
                posts.Add(post);
                n += 2;
            }
            else if (dice < 85)
            {
                // Recent topics get most replies, as in a live forum.
                var index = Math.Max(0, topics.Count - 1 - random.Next(Math.Min(topics.Count, 200)));
                var topic = topics[index];
                topics[index] = topic with { Posts = topic.Posts + 1 };
                var post = BenchLog.TimeOrderedId(random, at);
                yield return Row(TopicsSetup.StreamId(topic.Id), TopicsSetup.EventNames[typeof(PostPublished)], new PostPublished(post, topic.Posts + 1, member, bodies[random.Next(bodies.Length)], null, at));
                posts.Add(post);
                n++;
            }
            else
            {
                var topic = topics[Math.Max(0, topics.Count - 1 - random.Next(Math.Min(topics.Count, 200)))];
                var post = posts[Math.Max(0, posts.Count - 1 - random.Next(Math.Min(posts.Count, 2000)))];
                yield return Row(TopicsSetup.StreamId(topic.Id), TopicsSetup.EventNames[typeof(ReactionAdded)], new ReactionAdded(post, "like", member, at));
                n++;
            }
        }
    }

    /// <summary>Reads and decodes the same event types as the analytics projection, and writes nothing: the log's own read rate.</summary>
    private sealed class DecodeOnly : IProjection
    {
        public string Name => "bench.decode-only";

        public IReadOnlySet<string>? EventTypes { get; } = new AnalyticsProjection().EventTypes;

        public Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct) => Task.CompletedTask;

        public Task ResetAsync(ProjectionContext context, CancellationToken ct) => Task.CompletedTask;
    }

    private static async Task CaughtUpAsync(HttpClient client, string projection)
    {
        for (var i = 0; i < 1200; i++)
        {
            var health = await client.GetFromJsonAsync<JsonElement>("/health");
            if (health.GetProperty("log").GetProperty("projections").TryGetProperty(projection, out var lag) && lag.GetInt64() == 0)
            {
                return;
            }

            await Task.Delay(500);
        }

        throw new InvalidOperationException($"The {projection} projection did not catch up.");
    }

    private static HttpRequestMessage Get(string path, string? token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    private static string Goal(string text, bool met) => $"{(met ? "MET " : "MISSED")} {text}";
}
