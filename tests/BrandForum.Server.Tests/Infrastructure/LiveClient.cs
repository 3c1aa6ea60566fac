using System.Collections.Concurrent;
using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>
/// A real SignalR client (HubConnection, JSON protocol) over a WebSocket: the package behind WithUrl is not
/// served here, so the connection factory is ours — it skips negotiation, which the server allows for WebSockets.
/// Everything received is kept, in order, for the test to look at.
/// </summary>
public sealed class LiveClient : IAsyncDisposable
{
    private readonly HubConnection _connection;
    private readonly ConcurrentQueue<(string Method, JsonElement Payload)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private bool _disposed;

    public LiveClient(Uri hubUrl, Func<Uri, CancellationToken, Task<WebSocket>> connect)
    {
        _connection = new HubConnection(new WebSocketConnectionFactory(connect), new JsonHubProtocol(), new UriEndPoint(hubUrl), new ServiceCollection().BuildServiceProvider(), NullLoggerFactory.Instance);
        foreach (var method in new[] { "event", "reload", "resync", "typing", "presence" })
        {
            _connection.On<JsonElement>(method, payload =>
            {
                _received.Enqueue((method, payload));
                _arrived.Release();
            });
        }
    }

    /// <summary>A client of an in-process test server; <paramref name="accessToken"/> signs it in.</summary>
    public static async Task<LiveClient> ConnectAsync(ForumFactory forum, string? accessToken = null)
    {
        var client = new LiveClient(HubUrl(forum.Server.BaseAddress, accessToken), (uri, ct) => forum.Server.CreateWebSocketClient().ConnectAsync(uri, ct));
        await client.StartAsync();
        return client;
    }

    /// <summary>A client of a server listening on a real port (another process).</summary>
    public static async Task<LiveClient> ConnectAsync(Uri baseAddress, string? accessToken = null)
    {
        var client = new LiveClient(HubUrl(baseAddress, accessToken), async (uri, ct) =>
        {
            var socket = new ClientWebSocket();
            await socket.ConnectAsync(uri, ct);
            return socket;
        });
        await client.StartAsync();
        return client;
    }

    public IEnumerable<(string Method, JsonElement Payload)> Received => _received;

    public IEnumerable<JsonElement> Events => _received.Where(m => m.Method == "event").Select(m => m.Payload);

    public Task StartAsync() => _connection.StartAsync();

    public Task<long> SubscribeAsync(string channel, long after = 0) => _connection.InvokeAsync<long>("Subscribe", channel, after);

    public Task UnsubscribeAsync(string channel) => _connection.InvokeAsync("Unsubscribe", channel);

    public Task InvokeAsync(string method, params object?[] args) => _connection.SendCoreAsync(method, args);

    /// <summary>Invokes and waits for the answer, so a refusal surfaces as a HubException.</summary>
    public Task InvokeCheckedAsync(string method, params object?[] args) => _connection.InvokeCoreAsync(method, args);

    /// <summary>Waits (10 s unless told) for a message of <paramref name="method"/> whose payload satisfies <paramref name="match"/>.</summary>
    public async Task<JsonElement> WaitForMessageAsync(string method, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            foreach (var (m, payload) in Received)
            {
                if (m == method && match(payload))
                {
                    return payload;
                }
            }

            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                Assert.Fail($"No matching '{method}' arrived in time; got: {string.Join(" | ", Received.Select(r => $"{r.Method} {r.Payload}"))}");
            }
        }
    }

    /// <summary>Waits (at most 10 s) until the received events satisfy <paramref name="done"/>.</summary>
    public async Task<IReadOnlyList<JsonElement>> WaitForAsync(Func<IReadOnlyList<JsonElement>, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (!done([.. Events]))
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
            {
                Assert.Fail($"Live events did not arrive in time; got: {string.Join(" | ", Received.Select(m => $"{m.Method} {m.Payload}"))}");
            }
        }

        return [.. Events];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_disposed)
        {
            _disposed = true;
            await _connection.DisposeAsync();
        }
    }

    private static Uri HubUrl(Uri baseAddress, string? accessToken)
    {
        var ws = new UriBuilder(baseAddress) { Scheme = baseAddress.Scheme == "https" ? "wss" : "ws", Path = "/hubs/live" };
        if (accessToken is not null)
        {
            ws.Query = "access_token=" + Uri.EscapeDataString(accessToken);
        }

        return ws.Uri;
    }

    private sealed class WebSocketConnectionFactory(Func<Uri, CancellationToken, Task<WebSocket>> connect) : IConnectionFactory
    {
        public async ValueTask<ConnectionContext> ConnectAsync(EndPoint endpoint, CancellationToken cancellationToken = default) =>
            new WebSocketConnection(await connect(((UriEndPoint)endpoint).Uri, cancellationToken));
    }

    /// <summary>Pipes between HubConnection and the socket: text frames out, frames in as bytes.</summary>
    private sealed class WebSocketConnection : ConnectionContext
    {
        private readonly WebSocket _socket;
        private readonly Pipe _input = new();
        private readonly Pipe _output = new();
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _pumps;

        public WebSocketConnection(WebSocket socket)
        {
            _socket = socket;
            Transport = new DuplexPipe(_input.Reader, _output.Writer);
            _pumps = Task.WhenAll(ReceiveAsync(), SendAsync());
        }

        public override string ConnectionId { get; set; } = Guid.NewGuid().ToString();

        public override IFeatureCollection Features { get; } = new FeatureCollection();

        public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

        public override IDuplexPipe Transport { get; set; }

        public override async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _output.Writer.CompleteAsync();
            try
            {
                await _pumps;
            }
            catch (OperationCanceledException)
            {
            }

            _socket.Dispose();
            _stop.Dispose();
            await base.DisposeAsync();
        }

        private async Task ReceiveAsync()
        {
            try
            {
                while (!_stop.IsCancellationRequested)
                {
                    var memory = _input.Writer.GetMemory(4096);
                    var result = await _socket.ReceiveAsync(memory, _stop.Token);
                    if (result.MessageType == WebSocketMessageType.Close)
                    {
                        break;
                    }

                    _input.Writer.Advance(result.Count);
                    await _input.Writer.FlushAsync(_stop.Token);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException)
            {
            }

            await _input.Writer.CompleteAsync();
        }

        private async Task SendAsync()
        {
            try
            {
                while (true)
                {
                    var result = await _output.Reader.ReadAsync(_stop.Token);
                    foreach (var segment in result.Buffer)
                    {
                        await _socket.SendAsync(segment, WebSocketMessageType.Text, true, _stop.Token);
                    }

                    _output.Reader.AdvanceTo(result.Buffer.End);
                    if (result.IsCompleted)
                    {
                        break;
                    }
                }

                if (_socket.State == WebSocketState.Open)
                {
                    await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
                }
            }
            catch (Exception e) when (e is WebSocketException or OperationCanceledException or InvalidOperationException)
            {
            }
        }

        private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
        {
            public PipeReader Input { get; } = input;

            public PipeWriter Output { get; } = output;
        }
    }
}
