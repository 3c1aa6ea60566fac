extern alias server;

using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using BrandForum.Domain.Members;
using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using server::BrandForum.Server.Content;
using server::BrandForum.Server.Members;
using server::BrandForum.Server.Moderation;
using server::BrandForum.Server.Seeding;
using server::BrandForum.Server.Storage;
using server::BrandForum.Server.Topics;

namespace BrandForum.Benchmarks;

/// <summary>
/// The moderation back-test (<see cref="Backtest.RunAsync"/>) over a log of <c>posts</c> published posts (plus their
/// edits) by a few hundred members, with the default rulebook and 200 extra rules. Baseline: reading the same log
/// pages with nothing evaluated. The report's fingerprint (a hash of everything but its duration) is printed so runs,
/// engines and versions of the back-test can be checked to agree.
/// </summary>
public static class BacktestScenario
{
    public sealed record Row(
        StorageEngine Engine, int Round, long Events, int Posts, double BaselineSeconds, double BaselineCpuSeconds, int Evaluated, double Seconds, double CpuSeconds, string Fingerprint)
    {
        public double PerSecond => Evaluated / Seconds;
    }

    private const int Members = 300;
    private const int Days = 90;

    /// <summary>Fixed, so every run writes the same log and the reports can be compared.</summary>
    private static readonly DateTimeOffset End = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<IReadOnlyList<Row>> RunAsync(StorageEngine engine, int posts)
    {
        var location = BenchStores.NewLocation(engine);
        var clock = new BenchClock(End - TimeSpan.FromDays(Days + 1));
        using var host = BuildHost(engine, location, clock);
        await host.Services.MigrateForumStorageAsync();
        var store = host.Services.GetRequiredService<SqlEventStore>();
        var seeding = Stopwatch.StartNew();
        var seeded = await BacktestLog.WriteAsync(engine, location, store, clock, Members, posts, End - TimeSpan.FromDays(Days), End);
        Console.WriteLine($"  {engine,-8} seeded {Members} members, {seeded.Topics:N0} topics, {seeded.Posts:N0} posts and {seeded.Edits:N0} edits ({seeded.Events:N0} events, {seeded.Appends:N0} appends, bodies {seeded.MeanLength:N0} chars on average) in {seeding.Elapsed.TotalSeconds:F1} s");

        clock.Now = End;
        var backtest = host.Services.GetRequiredService<Backtest>();
        var rulebook = RulesBenchmarks.WithExtraRules(RulebookYaml.Parse(RulebookYaml.DefaultYaml(), 1).Rulebook!, 200);
        var rows = new List<Row>();
        // Two rounds: the first pays for JIT and cold caches (database pages, compiled regexes); each round measures
        // its baseline right before the back-test so both see the machine in the same state.
        for (var round = 1; round <= 2; round++)
        {
            var (reading, readingCpu) = (Stopwatch.StartNew(), Cpu());
            var (events, postEvents) = await ReadLogAsync(store);
            var (baseline, baselineCpu) = (reading.Elapsed.TotalSeconds, Cpu() - readingCpu);
            var (running, runningCpu) = (Stopwatch.StartNew(), Cpu());
            var report = await backtest.RunAsync(rulebook, Days + 1, CancellationToken.None);
            var row = new Row(engine, round, events, postEvents, baseline, baselineCpu, report.Evaluated, running.Elapsed.TotalSeconds, Cpu() - runningCpu, Fingerprint(report));
            // CPU time (this process, all threads) next to the wall time: on a shared machine it moves less with the load.
            Console.WriteLine($"  {engine,-8} round {round}: back-test {row.Evaluated:N0} posts and edits in {row.Seconds:F2} s = {row.PerSecond:N0}/s, CPU {row.CpuSeconds:F2} s " +
                              $"(baseline: reading the {events:N0} events' pages {baseline:F2} s, CPU {baselineCpu:F2} s); rejected {report.Rejected:N0}, held {report.Held:N0}, flagged {report.Flagged:N0}; report {row.Fingerprint}");
            if (round == 1)
            {
                Console.WriteLine($"           matches: {string.Join(", ", report.Rules.Where(r => r.Matches > 0).Select(r => $"{r.RuleId} {r.Matches:N0}"))}");
            }

            rows.Add(row);
        }

        return rows;
    }

    /// <summary>What the back-test reads, with nothing evaluated: every page of the log, as <see cref="Backtest"/> pages it.</summary>
    private static async Task<(long Events, int Posts)> ReadLogAsync(SqlEventStore store)
    {
        var (events, posts) = (0L, 0);
        for (long after = 0; ;)
        {
            var page = await store.ReadAllAsync(after, Backtest.PageSize);
            foreach (var e in page)
            {
                after = e.Position;
                events++;
                posts += e.Data is PostPublished or PostEdited ? 1 : 0;
            }

            if (page.Count < Backtest.PageSize)
            {
                return (events, posts);
            }
        }
    }

    private static double Cpu() => Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;

    /// <summary>A hash of the report without its duration: equal reports, equal fingerprints.</summary>
    private static string Fingerprint(BacktestReport report) =>
        Convert.ToHexString(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(report with { Seconds = 0 })))[..12].ToLowerInvariant();

    /// <summary>
    /// The server's own storage, content, topics, members and moderation services, built but not started (no hosted
    /// service runs, so nothing but the back-test reads the log while it is measured), on the scenario's clock.
    /// </summary>
    internal static IHost BuildHost(StorageEngine engine, string location, TimeProvider clock, Action<IServiceCollection, IConfiguration>? more = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Production", DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Forum:Storage"] = engine == StorageEngine.Postgres ? "Postgres" : "Sqlite",
            ["ConnectionStrings:Forum"] = location,
        });
        builder.Services
            .AddForumStorage(builder.Configuration)
            .AddContent(builder.Configuration)
            .AddTopics()
            .AddModeration()
            .AddMembers(builder.Configuration, builder.Environment)
            .AddSingleton(clock);
        more?.Invoke(builder.Services, builder.Configuration);
        return builder.Build();
    }
}

/// <summary>A clock moved by hand: the log's recorded times are what rate and duplicate rules compare, so the seeded history must span weeks.</summary>
public sealed class BenchClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// Writes the back-test's log, the same every run (one seeded <see cref="Random"/>, ids included): members through
/// the member decider on the server's store (so member cards and roles are there, as the back-test reads them), then
/// topics through the topic decider, appended a chunk at a time on a second store on the same database without
/// inline projections: rendering 100,000 posts into topic pages and the search index would take minutes and the
/// back-test reads none of it (authors' trust levels come out as 0, as for members who never read anything).
/// </summary>
public static class BacktestLog
{
    public sealed record Summary(int Topics, int Posts, int Edits, long Events, int Appends, double MeanLength);

    private sealed record Author(Guid Id, string Name, DateTimeOffset Joined, bool Staff, double Weight);

    /// <summary>The posts of one topic appended together share a recorded time, so a chunk has each author once (except on purpose).</summary>
    private const int ChunkSize = 20;

    private static readonly string[] FrenchInsults = ["crétin", "connard", "abruti", "débile", "imbécile", "bouffon", "tocard", "c r é t i n", "crétiiin", "ab.ru.ti", "ta gueule"];
    private static readonly string[] EnglishInsults = ["idiot", "moron", "stupid", "dumbass", "loser", "1d10t", "idiooot", "m o r o n", "shut up", "stfu"];
    private static readonly string[] Scams = ["double your money", "Doublez votre argent", "WhatsApp me", "crypto giveaway", "wire transfer"];
    private static readonly string[] SpamLinks = ["https://bit-cash.example/win", "https://promo.casino.example/bonus", "https://cheap-pills.example/", "https://free-followers.example/now"];
    private static readonly string[] OtherHosts = ["https://www.youtube.com/watch?v=abc", "https://github.com/lumio/firmware/issues/12", "https://fr.wikipedia.org/wiki/V%C3%A9lo", "https://www.strava.com/routes/123", "https://maps.example.org/loire"];
    private static readonly string[] Bursts = ["+1", "Pareil !", "Same here.", "Merci !", "Up", "Any news?", "Toujours rien ?", "Bump."];

    public static async Task<Summary> WriteAsync(
        StorageEngine engine, string location, SqlEventStore store, BenchClock clock, int members, int posts, DateTimeOffset start, DateTimeOffset end)
    {
        var random = new Random(2026);
        var authors = await RegisterAsync(store, random, members, start, end);
        await using var log = EventStoreFactory.Create(engine, location, new EventStoreOptions { Types = store.Types, Time = clock });
        var text = new DemoText(random);

        // Topics and when each of their chunks lands: a topic lives hours to weeks, long ones are rare (geometric sizes).
        var chunks = new List<(DateTimeOffset At, int Topic, int Size)>();
        var topics = new List<(Guid Id, string Category, Language Language)>();
        for (var planned = 0; planned < posts; topics.Add((NewId(random), DemoCommunity.Pick(random, DemoCommunity.Categories).Slug, random.Next(2) == 0 ? Language.French : Language.English)))
        {
            var size = Math.Min(posts - planned, 1 + (int)(-Math.Log(1 - random.NextDouble()) * 40));
            var at = start + ((end - start - TimeSpan.FromDays(1)) * random.NextDouble());
            for (var left = size; left > 0; left -= ChunkSize)
            {
                chunks.Add((at, topics.Count, Math.Min(ChunkSize, left)));
                at += TimeSpan.FromMinutes(random.Next(10, 8 * 60));
            }

            planned += size;
        }

        chunks = [.. chunks.OrderBy(c => c.At).ThenBy(c => c.Topic)];
        var states = new TopicState[topics.Count];
        var versions = new long[topics.Count];
        var (published, edits, events, length) = (0, 0, 0L, 0L);
        foreach (var (at, t, size) in chunks)
        {
            var topic = topics[t];
            var state = states[t] ?? Topic.Decider.Initial;
            var eligible = authors.Where(a => a.Joined <= at).ToList();
            var batch = new List<object>();
            var inChunk = new HashSet<Guid>();

            void Run(TopicCommand command)
            {
                var decision = Topic.Decide(command, state);
                if (decision.Error is { } error)
                {
                    throw new InvalidOperationException($"The back-test seed sent a command the topic refuses: {error.Code}.");
                }

                batch.AddRange(decision.Events);
                state = decision.Events.Aggregate(state, Topic.Evolve);
            }

            // Now and then a flood: one member posts a dozen short replies at once (the posting-burst rule).
            var burst = state.Exists && random.Next(500) == 0 ? Pick(random, eligible) : null;
            for (var i = 0; i < size; i++)
            {
                var author = burst ?? PickDistinct(random, eligible, inChunk);
                var body = burst is not null ? Bursts[random.Next(Bursts.Length)] + new string('!', i % 3) : Body(random, text, topic.Language, authors);
                length += body.Length;
                published++;
                var by = new Actor(author.Id, author.Staff);
                if (!state.Exists)
                {
                    Run(new StartTopic(topic.Id, topic.Category, text.Title(topic.Language, false), NewId(random), body, by, at));
                    continue;
                }

                var postId = NewId(random);
                Run(new PostReply(postId, body, null, by, at));
                if (random.Next(100) == 0)
                {
                    // An edit soon after, by the author.
                    Run(new EditPost(postId, body + (topic.Language == Language.French ? "\n\n*Édit : précision ajoutée.*" : "\n\n*Edit: added a detail.*"), "typo", by, at));
                    edits++;
                }
                else if (random.Next(300) == 0 && i + 1 < size)
                {
                    // The same text posted twice (the duplicate-posting rule).
                    Run(new PostReply(NewId(random), body, null, by, at));
                    (published, length, i) = (published + 1, length + body.Length, i + 1);
                }
            }

            clock.Now = at;
            var appended = await log.AppendAsync(
                TopicsSetup.StreamId(topic.Id), ExpectedVersion.Exactly(versions[t]), batch, new EventMetadata(Actor: "bench-backtest-seed"));
            versions[t] = appended.NextExpectedVersion;
            states[t] = state;
            events += batch.Count;
        }

        return new Summary(topics.Count, published, edits, events, chunks.Count, (double)length / published);
    }

    /// <summary>The admin, two moderators and members: most joined before the period, a fifth during it (their first day's links are checked).</summary>
    private static async Task<List<Author>> RegisterAsync(SqlEventStore store, Random random, int count, DateTimeOffset start, DateTimeOffset end)
    {
        var authors = new List<Author>();
        foreach (var (name, i) in DemoCommunity.MemberNames(count, random).Select((n, i) => (n, i)))
        {
            var joined = i < count * 4 / 5 ? start - TimeSpan.FromDays(365 * random.NextDouble()) : start + ((end - start) * random.NextDouble());
            // A long tail: a few members write most posts, as on every forum.
            var author = new Author(NewId(random), name, joined, i <= DemoCommunity.Moderators.Count, 1 / Math.Pow(i + 1, 0.7));
            var stream = MembersSetup.StreamId(author.Id);
            await store.DecideAsync(stream, Member.Decider, new RegisterMember(author.Id, name, joined, null), new EventMetadata(Actor: author.Id.ToString()));
            if (author.Staff)
            {
                await store.DecideAsync(stream, Member.Decider, new GrantRole(i == 0 ? Roles.Admin : Roles.Moderator, authors.FirstOrDefault()?.Id ?? author.Id, start), new EventMetadata(Actor: author.Id.ToString()));
            }

            authors.Add(author);
        }

        return authors;
    }

    /// <summary>
    /// 300 to 2,000 characters of demo paragraphs in the topic's language, and now and then what rules look for:
    /// insults (some with evasions), links (a few to spam domains), mentions (rarely a crowd), shouting, scam wording.
    /// </summary>
    private static string Body(Random random, DemoText text, Language language, List<Author> authors)
    {
        var target = (int)(300 * Math.Pow(2000.0 / 300, random.NextDouble()));
        var body = new StringBuilder();
        while (body.Length < target)
        {
            var paragraph = text.Opening(language, random.Next(12) == 0 ? Pick(random, authors).Name : null);
            if (body.Length > 0 && body.Length + paragraph.Length > 2000)
            {
                break;
            }

            body.Append(body.Length > 0 ? "\n\n" : "").Append(paragraph);
        }

        var french = language == Language.French;
        var roll = random.Next(1000);
        switch (roll)
        {
            case < 12:
                body.Append(french ? "\n\nFranchement, quel " + FrenchInsults[random.Next(FrenchInsults.Length)] + " ce vendeur." : "\n\nOnly a " + EnglishInsults[random.Next(EnglishInsults.Length)] + " would say that.");
                break;
            case < 20:
                body.Append("\n\nSee " + SpamLinks[random.Next(SpamLinks.Length)] + " for a deal.");
                break;
            case < 24:
                return french ? "JE SUIS FURIEUX, TROISIÈME PANNE DE BATTERIE CE MOIS-CI, PERSONNE NE RÉPOND AU SERVICE CLIENT !" : "THIS IS THE THIRD BATTERY FAILURE THIS MONTH AND NOBODY AT SUPPORT ANSWERS MY EMAILS!";
            case < 27:
                body.Append("\n\n").AppendJoin(' ', Enumerable.Range(0, random.Next(8, 13)).Select(_ => "@" + Pick(random, authors).Name));
                break;
            case < 30:
                body.Append("\n\n" + Scams[random.Next(Scams.Length)] + ", it works.");
                break;
            case < 80:
                body.Append("\n\n").AppendJoin(" and ", Enumerable.Range(0, random.Next(2, 4)).Select(_ => OtherHosts[random.Next(OtherHosts.Length)]));
                break;
        }

        return body.ToString();
    }

    private static Author Pick(Random random, List<Author> authors)
    {
        var x = random.NextDouble() * authors.Sum(a => a.Weight);
        foreach (var author in authors)
        {
            if ((x -= author.Weight) <= 0)
            {
                return author;
            }
        }

        return authors[^1];
    }

    private static Author PickDistinct(Random random, List<Author> authors, HashSet<Guid> taken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var author = Pick(random, authors);
            if (taken.Add(author.Id) || attempt > 50)
            {
                return author;
            }
        }
    }

    /// <summary>An id from the seeded random, so reruns give the same ids (and the same back-test report).</summary>
    private static Guid NewId(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }
}
