extern alias server;

using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using BrandForum.EventStore;
using server::BrandForum.Server.Moderation;
using server::BrandForum.Server.Seeding;

namespace BrandForum.Benchmarks;

/// <summary>
/// Replies per second through POST /api/topics/{id}/posts (16 signed-in authors, rate limits off): on 16 topics,
/// then all on one hot topic; then every touched topic is read back to prove no post number was lost or given
/// twice. Baseline: the raw single-row INSERT of the append scenario at 16 writers, same engine, same run.
/// Every reply goes through the community rules; the rulebook in force is the default one without its two flood
/// rules (posting-burst, duplicate-posting), which would rightly hold or flag these authors' hundreds of identical
/// posts a minute.
/// </summary>
public static class RepliesScenario
{
    private const int Authors = 16;

    /// <summary>
    /// The default warm-up of each run: the runtime's tiered compilation (with its instrumented tier for dynamic
    /// PGO) was still recompiling the reply path 40 s into a run on two busy cores, and took up to a third of the
    /// server's CPU while it did; a forum server runs for days, so the figure that matters is the one after.
    /// </summary>
    public static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(60);
    private const string Password = "a long enough passphrase";

    private const string Body = """
        Thanks, **same here** after the last update. What worked for me:

        - check the tyre pressure
        - update the firmware (`fw 3.2.1`)

        See [the manual](https://example.com/manual.pdf) — @demo-admin may confirm.
        """;

    public static async Task<IReadOnlyList<string>> RunAsync(StorageEngine engine, TimeSpan duration, TimeSpan warmUp)
    {
        var raw = await AppendScenario.RawInsertAsync(engine, Authors, duration);
        var environment = BenchServer.Environment(BenchStores.NewLocation(engine), engine == StorageEngine.Postgres);
        Console.WriteLine("  seeding: seed --demo --members 20 --topics 40 --posts 400");
        await BenchServer.RunCommandAsync(environment, "seed", "--demo", "--members", "20", "--topics", "40", "--posts", "400");
        await using var server = await BenchServer.StartAsync(environment);
        using var client = HttpLoad.Client(server.BaseAddress, Authors);
        var initial = await OpenTopicsAsync(client);
        var topics = initial.Keys.ToList();
        await PublishRulebookWithoutFloodRulesAsync(client);
        var tokens = await Task.WhenAll(Enumerable.Range(0, Authors).Select(i => SignUpAsync(client, $"bench-author-{i}")));
        var accepted = new Dictionary<string, long>();
        foreach (var topic in topics[..(Authors + 1)])
        {
            accepted[topic] = 0;
        }

        var spread = await MeasureAsync($"{engine} replies, {Authors} authors on {Authors} topics", duration, warmUp, server, client, accepted, loop => Reply(topics[loop], tokens[loop]), loop => topics[loop]);
        var hot = await MeasureAsync($"{engine} replies, {Authors} authors on one hot topic", duration, warmUp, server, client, accepted, loop => Reply(topics[Authors], tokens[loop]), _ => topics[Authors]);
        var verified = await VerifyNumbersAsync(client, accepted, initial);

        return
        [
            Goal($"{engine} replies, {Authors} authors on {Authors} topics ≥ 0.25× raw INSERT at {Authors} writers ({raw.PerSecond:N0}/s)", spread, raw),
            Goal($"{engine} replies, {Authors} authors on one hot topic ≥ 0.25× raw INSERT at {Authors} writers ({raw.PerSecond:N0}/s)", hot, raw),
            $"{(verified is null ? "MET " : "MISSED")} {engine} post numbers 1..N, none lost or duplicated, on {accepted.Count} topics{verified}",
        ];
    }

    /// <summary>
    /// Runs the load and prints the CPU per reply accepted while measuring (after the warm-up) of the server, of
    /// PostgreSQL (none on SQLite: it runs inside the server) and of this load generator: figures that, unlike
    /// replies per second, hold when other work shares the machine, and say where its two cores went.
    /// </summary>
    private static async Task<HttpLoad.Result> MeasureAsync(
        string what, TimeSpan duration, TimeSpan warmUp, BenchServer server, HttpClient client, Dictionary<string, long> accepted, Func<int, HttpRequestMessage> reply, Func<int, string> topicOf)
    {
        var before = (Server: TimeSpan.Zero, Database: TimeSpan.Zero, Load: TimeSpan.Zero, Replies: 0L);
        var result = await HttpLoad.RunAsync(what, client, Authors, duration, (loop, _) => reply(loop), (loop, response) => Count(accepted, topicOf(loop), response),
            measuring: () => before = (server.CpuTime(), BenchServer.DatabaseCpuTime(), Process.GetCurrentProcess().TotalProcessorTime, Sum(accepted)), warmUp: warmUp);
        var replies = Math.Max(1, Sum(accepted) - before.Replies);
        double PerReply(TimeSpan now, TimeSpan then) => (now - then).TotalMilliseconds / replies;
        Console.WriteLine($"    CPU per reply: server {PerReply(server.CpuTime(), before.Server):F2} ms, PostgreSQL {PerReply(BenchServer.DatabaseCpuTime(), before.Database):F2} ms, " +
            $"load generator {PerReply(Process.GetCurrentProcess().TotalProcessorTime, before.Load):F2} ms");
        return result;
    }

    private static long Sum(Dictionary<string, long> accepted)
    {
        lock (accepted)
        {
            return accepted.Values.Sum();
        }
    }

    private static string Goal(string what, HttpLoad.Result replies, AppendScenario.Row raw)
    {
        var ratio = replies.PerSecond / raw.PerSecond;
        return $"{(ratio >= 0.25 ? "MET " : "MISSED")} {what}: {replies.PerSecond:N0}/s = {ratio:F2}×";
    }

    private static void Count(Dictionary<string, long> accepted, string topic, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.Created)
        {
            lock (accepted)
            {
                accepted[topic]++;
            }
        }
    }

    /// <summary>The request body, serialized once as wrk sends a fixed body: the load generator shares the two cores.</summary>
    private static readonly byte[] ReplyJson = JsonSerializer.SerializeToUtf8Bytes(new { body = Body });

    private static HttpRequestMessage Reply(string topicId, string token) => new(HttpMethod.Post, new Uri($"/api/topics/{topicId}/posts", UriKind.Relative))
    {
        Content = new ByteArrayContent(ReplyJson) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
        Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
    };

    /// <summary>Each touched topic holds exactly posts 1..N, and N grew by the replies the server accepted; null when so, else what is wrong.</summary>
    private static async Task<string?> VerifyNumbersAsync(HttpClient client, Dictionary<string, long> accepted, Dictionary<string, int> initial)
    {
        foreach (var (topic, replies) in accepted)
        {
            var numbers = new List<int>();
            var total = 0;
            for (var page = 1; page == 1 || numbers.Count < total; page++)
            {
                var view = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/topics/{topic}?page={page}", UriKind.Relative));
                total = view.GetProperty("totalPosts").GetInt32();
                var posts = view.GetProperty("posts").EnumerateArray().Select(p => p.GetProperty("number").GetInt32()).ToList();
                if (posts.Count == 0)
                {
                    break;
                }

                numbers.AddRange(posts);
            }

            if (!numbers.SequenceEqual(Enumerable.Range(1, total)))
            {
                return $": topic {topic} holds {numbers.Count} posts for {total} numbers";
            }

            if (total != initial[topic] + replies)
            {
                return $": topic {topic} has {total} posts, {initial[topic]} + {replies} accepted expected";
            }
        }

        return null;
    }

    /// <summary>Unlocked seeded topics, with their post counts before the run.</summary>
    private static async Task<Dictionary<string, int>> OpenTopicsAsync(HttpClient client)
    {
        var topics = new Dictionary<string, int>();
        var categories = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/categories", UriKind.Relative));
        foreach (var category in categories.EnumerateArray())
        {
            var list = await client.GetFromJsonAsync<JsonElement>(new Uri($"/api/categories/{category.GetProperty("slug").GetString()}/topics", UriKind.Relative));
            foreach (var topic in list.GetProperty("items").EnumerateArray().Where(t => !t.GetProperty("locked").GetBoolean()))
            {
                topics[topic.GetProperty("topicId").GetString()!] = topic.GetProperty("replyCount").GetInt32() + 1;
            }
        }

        return topics.Count > Authors ? topics : throw new InvalidOperationException($"The seed has {topics.Count} open topics; {Authors + 1} are needed.");
    }

    private static async Task PublishRulebookWithoutFloodRulesAsync(HttpClient client)
    {
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { login = DemoCommunity.AdminUserName, password = DemoCommunity.Password });
        var token = (await login.EnsureSuccessStatusCode().Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        var yaml = RulebookYaml.DefaultYaml();
        foreach (var flood in new[] { "posting-burst", "duplicate-posting" })
        {
            var start = yaml.IndexOf($"  - id: {flood}\n", StringComparison.Ordinal);
            var end = yaml.IndexOf("\n  - id: ", start + 1, StringComparison.Ordinal);
            yaml = yaml.Remove(start, (end < 0 ? yaml.Length : end + 1) - start);
        }

        using var publish = new HttpRequestMessage(HttpMethod.Put, new Uri("/api/moderation/rulebook", UriKind.Relative))
        {
            Content = JsonContent.Create(new { yaml }),
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", token) },
        };
        (await client.SendAsync(publish)).EnsureSuccessStatusCode();
    }

    private static async Task<string> SignUpAsync(HttpClient client, string userName)
    {
        (await client.PostAsJsonAsync("/api/auth/register", new { userName, email = $"{userName}@example.com", password = Password })).EnsureSuccessStatusCode();
        using var login = await client.PostAsJsonAsync("/api/auth/login", new { login = userName, password = Password });
        login.EnsureSuccessStatusCode();
        return (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
    }
}
