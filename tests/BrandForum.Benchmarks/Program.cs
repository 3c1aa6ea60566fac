using System.Globalization;
using BrandForum.Benchmarks;
using BrandForum.EventStore;

// dotnet run -c Release --project tests/BrandForum.Benchmarks -- [append|rebuild|badges|tail|signin|topic-page|replies|render|rules|backtest|live|analytics|analytics-rebuild|all] [--engine sqlite|postgres|both] [--seconds 5] [--events 1000000] [--posts 100000] [--warmup seconds]
CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
var engines = Option("--engine", "both") switch
{
    "sqlite" => new[] { StorageEngine.Sqlite },
    "postgres" => [StorageEngine.Postgres],
    _ => [StorageEngine.Sqlite, StorageEngine.Postgres],
};
var seconds = TimeSpan.FromSeconds(int.Parse(Option("--seconds", "5"), CultureInfo.InvariantCulture));
var events = int.Parse(Option("--events", "1000000"), CultureInfo.InvariantCulture);
var posts = int.Parse(Option("--posts", "100000"), CultureInfo.InvariantCulture);
TimeSpan? warmUp = Option("--warmup", "") is { Length: > 0 } w ? TimeSpan.FromSeconds(int.Parse(w, CultureInfo.InvariantCulture)) : null;
HttpLoad.WarmUp = warmUp ?? HttpLoad.WarmUp;
var goals = new List<string>();

Console.WriteLine($"BrandForum benchmarks on {Environment.ProcessorCount} cores, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (PostgreSQL: private durable cluster, fsync on; SQLite: WAL, synchronous=FULL)");
if (File.Exists("/proc/loadavg"))
{
    // Other work on a shared machine skews every figure; the ratios to baselines measured in the same run less so.
    Console.WriteLine($"load average before the run: {File.ReadAllText("/proc/loadavg").Trim()}");
}
if (scenario is "append" or "all")
{
    Console.WriteLine("append — single-event appends/s; baseline = one plain INSERT per transaction, same driver, same writers");
    foreach (var engine in engines)
    {
        var rows = await AppendScenario.RunAsync(engine, seconds);
        foreach (var writers in new[] { 1, 16 })
        {
            var raw = rows.Single(r => r.Writers == writers && r.What == "raw INSERT").PerSecond;
            var append = rows.Single(r => r.Writers == writers && r.What == "append").PerSecond;
            var inline = rows.Single(r => r.Writers == writers && r.What == "append + inline projection").PerSecond;
            Console.WriteLine($"  => {engine} {writers} writers: append {append / raw:F2}× raw, with an inline projection {inline / raw:F2}× raw");
            if (engine == StorageEngine.Postgres && writers == 16)
            {
                goals.Add(Goal($"PostgreSQL append at 16 writers ≥ 0.5× raw: {append / raw:F2}×", append / raw >= 0.5));
            }
        }
    }
}

if (scenario is "tail" or "all")
{
    Console.WriteLine("tail — append start → delivery to a tail on another store instance, 200 appends/s");
    foreach (var engine in engines)
    {
        var tail = await TailScenario.RunAsync(engine);
        goals.Add(Goal($"{engine} tail p99 < 20 ms: {tail.P99Ms:F1} ms", tail.P99Ms < 20));
    }
}

if (scenario is "rebuild" or "all")
{
    Console.WriteLine($"rebuild — projection rebuild from position 0 over {events:N0} events");
    foreach (var engine in engines)
    {
        foreach (var row in await RebuildScenario.RunAsync(engine, events))
        {
            goals.Add(Goal($"{engine} rebuild {row.Projection} ≥ 100,000 events/s: {row.PerSecond:N0}/s", row.PerSecond >= 100_000));
        }
    }
}

if (scenario is "badges" or "all")
{
    Console.WriteLine($"badges — badges and leaderboards projection rebuilt over {events:N0} events (posts, reactions, visits); baseline = reading the same events with nothing projected");
    foreach (var engine in engines)
    {
        var row = await BadgesScenario.RunAsync(engine, events);
        goals.Add(Goal($"{engine} rebuild badges ≥ 100,000 events/s: {row.PerSecond:N0}/s", row.PerSecond >= 100_000));
    }
}

if (scenario is "signin" or "all")
{
    Console.WriteLine($"signin — password hashing cost and sign-ins/s through the server (SQLite, rate limits off), {seconds.TotalSeconds:F0} s per run");
    await SignInScenario.RunAsync(seconds);
}

if (scenario is "topic-page" or "all")
{
    Console.WriteLine($"topic-page — anonymous GET of topic pages at {TopicPageScenario.Connections} connections, PostgreSQL, demo data, server in Release; baseline = plaintext on the same server, {seconds.TotalSeconds:F0} s per run");
    goals.AddRange(await TopicPageScenario.RunAsync(seconds));
}

if (scenario is "replies" or "all")
{
    var repliesWarmUp = warmUp ?? RepliesScenario.WarmUp;
    Console.WriteLine($"replies — POST /api/topics/{{id}}/posts by 16 signed-in authors; baseline = raw INSERT at 16 writers on the same engine, {seconds.TotalSeconds:F0} s per run after {repliesWarmUp.TotalSeconds:F0} s of warm-up");
    foreach (var engine in engines.Reverse())
    {
        goals.AddRange(await RepliesScenario.RunAsync(engine, seconds, repliesWarmUp));
    }
}

if (scenario is "render" or "all")
{
    Console.WriteLine("render — Markdown render + sanitize of a 2 kB post (BenchmarkDotNet, in-process); baseline = Markdig alone on the same input");
    goals.AddRange(RenderScenario.Run());
}

if (scenario is "rules" or "all")
{
    Console.WriteLine("rules — the moderation rules engine on a 2 kB post (BenchmarkDotNet, in-process); baseline = reading the post into words");
    goals.AddRange(RulesScenario.Run());
}

if (scenario is "backtest" or "all")
{
    Console.WriteLine($"backtest — the moderation back-test (default rulebook + 200 rules) over {posts:N0} posts; baseline = reading the same log pages, nothing evaluated");
    foreach (var engine in engines)
    {
        var rows = await BacktestScenario.RunAsync(engine, posts);
        var last = rows[^1];
        goals.Add(Goal($"{engine} back-test over {last.Evaluated:N0} posts < 10 s: {last.Seconds:F2} s = {last.PerSecond:N0}/s (reading the log alone: {last.BaselineSeconds:F2} s)", last.Seconds < 10));
    }
}

if (scenario is "live" or "all")
{
    var counts = Option("--connections", "1000,5000").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray();
    var rate = int.Parse(Option("--rate", "5"), CultureInfo.InvariantCulture);
    Console.WriteLine($"live — readers of one topic on one node (SQLite), {rate} replies/s for {seconds.TotalSeconds:F0} s; latency = POST start → item received");
    foreach (var row in await LiveScenario.RunAsync(counts, rate, seconds))
    {
        Console.WriteLine($"  {row.Connections,5:N0} connections: {row.Items} replies, delivered {row.DeliveredPerSecond,9:N0} items/s  p50 {row.P50Ms,6:F1} ms  p99 {row.P99Ms,6:F1} ms  dropped {row.Dropped}  server memory {row.KilobytesPerConnection:F0} kB/connection");
        goals.Add(Goal($"live {row.Connections:N0} connections p99 < 250 ms, nothing dropped: {row.P99Ms:F1} ms, {row.Dropped} dropped", row.P99Ms < 250 && row.Dropped == 0));
    }
}

if (scenario is "analytics-rebuild" or "analytics" or "all")
{
    Console.WriteLine($"analytics-rebuild — analytics and listening projections rebuilt from position 0 over {events:N0} forum events; baseline = reading and decoding the same log, nothing written");
    foreach (var engine in engines)
    {
        var rows = await AnalyticsScenario.RebuildAsync(engine, events);
        var read = rows[0].PerSecond;
        foreach (var row in rows.Skip(1))
        {
            goals.Add(Goal($"{engine} rebuild {row.Projection} ≥ 100,000 events/s: {row.PerSecond:N0}/s ({row.PerSecond / read:F2}× the raw log read rate of {read:N0}/s)", row.PerSecond >= 100_000));
        }
    }
}

if (scenario is "analytics" or "all")
{
    Console.WriteLine($"analytics — KPIs of the demo community (PostgreSQL, seed --demo, projections caught up), {seconds.TotalSeconds:F0} s per run");
    goals.AddRange(await AnalyticsScenario.DashboardAsync(seconds));
}

Console.WriteLine("goals");
goals.ForEach(g => Console.WriteLine($"  {g}"));
return 0;

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}

static string Goal(string text, bool met) => $"{(met ? "MET " : "MISSED")} {text}";
