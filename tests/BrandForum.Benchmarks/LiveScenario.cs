using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;

namespace BrandForum.Benchmarks;

public sealed record LiveRow(int Connections, int Items, double P50Ms, double P99Ms, double DeliveredPerSecond, long Dropped, double KilobytesPerConnection);

/// <summary>
/// Many live readers of one topic on one node while replies are posted: each connection speaks the real SignalR
/// JSON protocol over its own WebSocket. Latency runs from just before the reply's POST (so it includes the
/// post's own round trip: a ceiling on commit → receipt) to the moment the item arrives; every connection must
/// receive every reply exactly once.
/// </summary>
public static class LiveScenario
{
    private const string AdminPassword = "the benchmark admin's passphrase";
    private const char RecordSeparator = '\u001e';

    public static async Task<IReadOnlyList<LiveRow>> RunAsync(IReadOnlyList<int> connectionCounts, int repliesPerSecond, TimeSpan duration)
    {
        var folder = Directory.CreateTempSubdirectory("brandforum-live-").FullName;
        var environment = BenchServer.Environment($"Data Source={Path.Combine(folder, "forum.db")}", postgres: false);
        environment["Forum__Bootstrap__AdminEmail"] = "root@example.com";
        environment["Forum__Bootstrap__AdminUserName"] = "root";
        environment["Forum__Bootstrap__AdminPassword"] = AdminPassword;
        var server = await BenchServer.StartAsync(environment);
        try
        {
            return await MeasureAsync(server, connectionCounts, repliesPerSecond, duration);
        }
        finally
        {
            await server.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<IReadOnlyList<LiveRow>> MeasureAsync(BenchServer server, IReadOnlyList<int> connectionCounts, int repliesPerSecond, TimeSpan duration)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var token = (await (await http.PostAsJsonAsync("/api/auth/login", new { login = "root", password = AdminPassword })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await http.PostAsJsonAsync("/api/categories", new { slug = "live", name = "Live" })).EnsureSuccessStatusCode();
        var rows = new List<LiveRow>();
        foreach (var connections in connectionCounts)
        {
            var topic = await (await http.PostAsJsonAsync("/api/topics", new { category = "live", title = $"Live with {connections} readers", body = "Go" })).Content.ReadFromJsonAsync<JsonElement>();
            var topicId = topic.GetProperty("topicId").GetString()!;
            var before = server.ResidentBytes();
            var readers = await ConnectAsync(server.BaseAddress, $"topic:{topicId}", connections);
            var perConnection = (server.ResidentBytes() - before) / 1024.0 / connections;
            using var pinging = new CancellationTokenSource();
            var pings = PingAsync(readers, pinging.Token);

            var sentAt = new ConcurrentDictionary<int, long>();
            var clock = Stopwatch.StartNew();
            var count = (int)(repliesPerSecond * duration.TotalSeconds);
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds(i / (double)repliesPerSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero)
                {
                    await Task.Delay(due);
                }

                var started = Stopwatch.GetTimestamp();
                var reply = await (await http.PostAsJsonAsync($"/api/topics/{topicId}/posts", new { body = $"Reply {i}" })).Content.ReadFromJsonAsync<JsonElement>();
                sentAt[reply.GetProperty("number").GetInt32()] = started;
            }

            var drainUntil = DateTime.UtcNow.AddSeconds(15);
            while (readers.Sum(r => (long)r.Received.Count) < (long)count * connections && DateTime.UtcNow < drainUntil)
            {
                await Task.Delay(100);
            }

            var elapsed = clock.Elapsed.TotalSeconds;
            var latencies = readers.SelectMany(r => r.Received.Where(x => sentAt.ContainsKey(x.Key)).Select(x => Stopwatch.GetElapsedTime(sentAt[x.Key], x.Value).TotalMilliseconds)).Order().ToArray();
            var dropped = (long)count * connections - latencies.Length;
            rows.Add(new LiveRow(connections, count, AppendScenario.Percentile(latencies, 0.5), AppendScenario.Percentile(latencies, 0.99), latencies.Length / elapsed, dropped, perConnection));
            await pinging.CancelAsync();
            await pings;
            await Task.WhenAll(readers.Select(r => r.CloseAsync()));
        }

        return rows;
    }

    private static async Task<List<Reader>> ConnectAsync(Uri server, string channel, int connections)
    {
        var hub = new UriBuilder(server) { Scheme = "ws", Path = "/hubs/live" }.Uri;
        var readers = new List<Reader>();
        for (var batch = 0; batch < connections; batch += 100)
        {
            readers.AddRange(await Task.WhenAll(Enumerable.Range(0, Math.Min(100, connections - batch)).Select(_ => Reader.ConnectAsync(hub, channel))));
        }

        return readers;
    }

    /// <summary>SignalR drops a client it has not heard from for 30 s: every reader pings every 10.</summary>
    private static async Task PingAsync(List<Reader> readers, CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct);
                foreach (var reader in readers)
                {
                    await reader.SendAsync("{\"type\":6}");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>One live connection speaking the SignalR JSON protocol: handshake, Subscribe, then events.</summary>
    private sealed class Reader
    {
        private readonly ClientWebSocket _socket = new();
        private readonly TaskCompletionSource _subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private Task _receiving = Task.CompletedTask;

        /// <summary>Post number → when it arrived; a number seen twice would be a duplicate and is counted once, then fails the run.</summary>
        public ConcurrentDictionary<int, long> Received { get; } = new();

        public static async Task<Reader> ConnectAsync(Uri hub, string channel)
        {
            var reader = new Reader();
            await reader._socket.ConnectAsync(hub, CancellationToken.None);
            await reader.SendAsync("{\"protocol\":\"json\",\"version\":1}");
            reader._receiving = reader.ReceiveAsync();
            await reader.SendAsync(JsonSerializer.Serialize(new { type = 1, invocationId = "1", target = "Subscribe", arguments = new object[] { channel, 0 } }));
            await reader._subscribed.Task.WaitAsync(TimeSpan.FromSeconds(30));
            return reader;
        }

        public Task SendAsync(string message) =>
            _socket.SendAsync(Encoding.UTF8.GetBytes(message + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

        public async Task CloseAsync()
        {
            try
            {
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                await _receiving.WaitAsync(TimeSpan.FromSeconds(5));
            }
            catch (Exception e) when (e is WebSocketException or TimeoutException)
            {
            }

            _socket.Dispose();
        }

        private async Task ReceiveAsync()
        {
            var buffer = new ArrayBufferWriter<byte>();
            try
            {
                while (_socket.State == WebSocketState.Open)
                {
                    var result = await _socket.ReceiveAsync(buffer.GetMemory(8192), CancellationToken.None);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    buffer.Advance(result.Count);
                    var data = buffer.WrittenSpan;
                    int end;
                    while ((end = data.IndexOf((byte)RecordSeparator)) >= 0)
                    {
                        Handle(data[..end]);
                        data = data[(end + 1)..];
                    }

                    var rest = data.ToArray();
                    buffer.Clear();
                    buffer.Write(rest);
                }
            }
            catch (WebSocketException)
            {
            }
        }

        /// <summary>Just enough parsing to find a published post's number: the load client must stay cheap beside the server.</summary>
        private void Handle(ReadOnlySpan<byte> message)
        {
            var arrived = Stopwatch.GetTimestamp();
            if (message.StartsWith("{\"type\":3"u8))
            {
                _subscribed.TrySetResult();
                return;
            }

            if (message.IndexOf("\"type\":\"post-published\""u8) < 0)
            {
                return;
            }

            var at = message.IndexOf("\"number\":"u8);
            if (!System.Buffers.Text.Utf8Parser.TryParse(message[(at + 9)..], out int number, out _) || number <= 1)
            {
                return; // 1 is the opening post, replayed on subscribe
            }

            if (!Received.TryAdd(number, arrived))
            {
                throw new InvalidOperationException("An item arrived twice.");
            }
        }
    }
}
