using System.Collections.Concurrent;
using BrandForum.EventStore.Postgres;
using BrandForum.EventStore.Projections;
using BrandForum.EventStore.Tests.Infrastructure;

namespace BrandForum.EventStore.Tests;

/// <summary>The behaviour every engine must have. Each engine runs this whole suite (see the classes below).</summary>
public abstract class EventStoreContract(StorageEngine engine) : IAsyncLifetime
{
    private readonly StoreLocation _location = StoreLocation.New(engine);
    private readonly List<SqlEventStore> _stores = [];

    protected TotalsProjection Totals { get; } = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            await store.DisposeAsync();
        }

        _location.Dispose();
    }

    [Fact]
    public async Task AppendsAndReadsBackAStream()
    {
        var store = await OpenAsync();
        var metadata = new EventMetadata("member-1", "corr-1", "cmd-1", new Dictionary<string, string> { ["rule"] = "no-insults" });

        var result = await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(5), new Renamed("Alice")], metadata);

        Assert.Equal(new AppendResult(2, 2), result);
        var events = await store.ReadStreamAsync("account-1");
        Assert.Equal([1L, 2L], events.Select(e => e.Version));
        Assert.Equal([1L, 2L], events.Select(e => e.Position));
        Assert.Equal(new Deposited(5), events[0].Data);
        Assert.Equal(new Renamed("Alice"), events[1].Data);
        Assert.Equal("test.renamed", events[1].Type);
        Assert.Equal("account", events[0].StreamType);
        Assert.Equal("member-1", events[0].Metadata.Actor);
        Assert.Equal("corr-1", events[0].Metadata.CorrelationId);
        Assert.Equal("cmd-1", events[0].Metadata.CausationId);
        Assert.Equal("no-insults", events[0].Metadata.Extra!["rule"]);
        Assert.NotEqual(events[0].EventId, events[1].EventId);
        Assert.InRange(events[0].RecordedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
        Assert.Empty(await store.ReadStreamAsync("account-2"));
        Assert.Equal([2L], (await store.ReadStreamAsync("account-1", afterVersion: 1)).Select(e => e.Version));
    }

    [Fact]
    public async Task KeepsEachEventsOwnMetadataWhenOneAppendCarriesSeveralActors()
    {
        var store = await OpenAsync();

        var result = await store.AppendAsync("account-1", ExpectedVersion.NoStream, [
            new EventToAppend(new Deposited(5), new EventMetadata("member-1")),
            new EventToAppend(new Deposited(7), new EventMetadata("member-2", "corr-2")),
        ]);

        Assert.Equal(new AppendResult(2, 2), result);
        var events = await store.ReadStreamAsync("account-1");
        Assert.Equal(["member-1", "member-2"], events.Select(e => e.Metadata.Actor));
        Assert.Equal([null, "corr-2"], events.Select(e => e.Metadata.CorrelationId));
        Assert.Equal(12L, await TotalAsync(store, "account-1"));
        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync("account-1", ExpectedVersion.Exactly(1), [new EventToAppend(new Deposited(1), EventMetadata.None)]));
    }

    [Fact]
    public async Task ReadsTheWholeLogInPagesInPositionOrder()
    {
        var store = await OpenAsync();
        for (var i = 1; i <= 25; i++)
        {
            await store.AppendAsync($"account-{i % 3}", ExpectedVersion.Any, [new Deposited(i)]);
        }

        var seen = new List<long>();
        long after = 0;
        IReadOnlyList<RecordedEvent> page;
        while ((page = await store.ReadAllAsync(after, 10)).Count > 0)
        {
            seen.AddRange(page.Select(e => e.Position));
            after = page[^1].Position;
        }

        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), seen);
        Assert.Equal(25, (await store.ReadHeadAsync()).Position);
    }

    [Fact]
    public async Task RefusesAWrongExpectedVersionWithATypedConcurrencyError()
    {
        var store = await OpenAsync();
        await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(1)]);

        var exists = await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(2)]));
        var stale = await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync("account-1", ExpectedVersion.Exactly(3), [new Deposited(2)]));
        var missing = await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync("account-9", ExpectedVersion.Exactly(1), [new Deposited(2)]));

        Assert.Equal(1, exists.Actual);
        Assert.Equal(1, stale.Actual);
        Assert.Equal(ExpectedVersion.Exactly(3), stale.Expected);
        Assert.Null(missing.Actual);
        Assert.Single(await store.ReadStreamAsync("account-1"));
        Assert.Equal(1, (await store.ReadHeadAsync()).Position);
    }

    [Fact]
    public async Task AppendsAtAnyVersionAndAtTheExactVersion()
    {
        var store = await OpenAsync();
        await store.AppendAsync("account-1", ExpectedVersion.Any, [new Deposited(1)]);
        await store.AppendAsync("account-1", ExpectedVersion.Any, [new Deposited(2)]);
        var result = await store.AppendAsync("account-1", ExpectedVersion.Exactly(2), [new Deposited(3)]);

        Assert.Equal(3, result.NextExpectedVersion);
        Assert.Equal([1L, 2L, 3L], (await store.ReadStreamAsync("account-1")).Select(e => e.Version));
    }

    [Fact]
    public async Task LetsExactlyOneOfTwoConcurrentAppendsAtTheSameVersionWin()
    {
        var store = await OpenAsync();
        await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(1)]);

        for (var round = 0; round < 20; round++)
        {
            var version = ExpectedVersion.Exactly(round + 1);
            var attempts = await Task.WhenAll(Enumerable.Range(0, 2).Select(i => Task.Run(async () =>
            {
                try
                {
                    await store.AppendAsync("account-1", version, [new Deposited(i)]);
                    return true;
                }
                catch (ConcurrencyException)
                {
                    return false;
                }
            })));

            Assert.Single(attempts, won => won);
        }

        Assert.Equal(Enumerable.Range(1, 21).Select(i => (long)i), (await store.ReadStreamAsync("account-1")).Select(e => e.Version));
    }

    [Fact]
    public async Task LosesNothingWithEightConcurrentWritersOfFiveHundredAppendsEach()
    {
        const int writers = 8, appends = 500;
        var store = await OpenAsync();
        var appended = new ConcurrentDictionary<string, int>();

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            for (var i = 0; i < appends; i++)
            {
                var stream = $"account-{random.Next(50)}";
                await store.AppendAsync(stream, ExpectedVersion.Any, [new Deposited((w * appends) + i)]);
                appended.AddOrUpdate(stream, 1, (_, n) => n + 1);
            }
        })));

        var all = await store.ReadAllAsync(0, writers * appends * 2);
        Assert.Equal(Enumerable.Range(1, writers * appends).Select(i => (long)i), all.Select(e => e.Position));
        Assert.Equal(writers * appends, all.Select(e => ((Deposited)e.Data).Amount).Distinct().Count());
        foreach (var stream in all.GroupBy(e => e.StreamId))
        {
            Assert.Equal(Enumerable.Range(1, appended[stream.Key]).Select(i => (long)i), stream.Select(e => e.Version));
        }
    }

    [Fact]
    public async Task TailSeesEveryEventOfWritersWhoseCommitsAreDelayedInOrderWithoutGaps()
    {
        const int writers = 8, appends = 60;
        var delays = new ThreadLocal<Random>(() => new Random(Environment.CurrentManagedThreadId));
        // Each append holds its transaction open 0–5 ms after taking its position: the case that makes
        // a naive "position > checkpoint" reader over a sequence skip events.
        var store = await OpenAsync(new EventStoreOptions
        {
            Types = TestEvents.Registry(),
            BeforeCommit = ct => Task.Delay(delays.Value!.Next(0, 6), ct),
        });
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var seen = new List<long>();
        var tail = Task.Run(async () =>
        {
            await foreach (var e in store.SubscribeAsync(0, stop.Token))
            {
                seen.Add(e.Position);
                if (seen.Count == writers * appends)
                {
                    return;
                }
            }
        });

        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = 0; i < appends; i++)
            {
                await store.AppendAsync($"account-{w}-{i % 7}", ExpectedVersion.Any, [new Deposited(i)]);
            }
        })));
        await tail.WaitAsync(stop.Token);

        Assert.Equal(Enumerable.Range(1, writers * appends).Select(i => (long)i), seen);
    }

    [Fact]
    public async Task CommitsInlineProjectionsWithTheirEvents()
    {
        var store = await OpenAsync();
        await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(5), new Deposited(7)]);
        await store.AppendAsync("account-1", ExpectedVersion.Any, [new Deposited(1), new Renamed("x")]);

        Assert.Equal(13L, await TotalAsync(store, "account-1"));
    }

    [Fact]
    public async Task RollsBackInlineProjectionsWithTheirFailedAppend()
    {
        var store = await OpenAsync();
        await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(5)]);

        await Assert.ThrowsAsync<ConcurrencyException>(() => store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(100)]));
        Totals.FailOnAmount = 13;
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync("account-1", ExpectedVersion.Exactly(1), [new Deposited(2), new Deposited(13)]));

        Assert.Equal(5L, await TotalAsync(store, "account-1"));
        Assert.Single(await store.ReadStreamAsync("account-1"));
        Assert.Equal(1, (await store.ReadHeadAsync()).Position);
    }

    [Fact]
    public async Task AGroupWhoseCommitFailsLeavesNothingAndTheNextAppendsGoThrough()
    {
        // The commit of a whole group fails (here just before it; in life a full or failing disk): every append of it
        // fails, nothing of it stays, and the writer (which keeps its connection and statements on SQLite) carries on.
        var failures = 1;
        var store = await OpenAsync(new EventStoreOptions
        {
            Types = TestEvents.Registry(),
            InlineProjections = [Totals],
            BeforeCommit = _ => Interlocked.Exchange(ref failures, 0) == 1 ? throw new IOException("The disk went away.") : Task.CompletedTask,
        });

        await Assert.ThrowsAsync<IOException>(() => store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(5)]));

        Assert.Equal(new AppendResult(1, 1), await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(7)]));
        Assert.Equal(new AppendResult(2, 2), await store.AppendAsync("account-1", ExpectedVersion.Exactly(1), [new Deposited(1)]));
        Assert.Equal(8L, await TotalAsync(store, "account-1"));
        Assert.Equal([new Deposited(7), new Deposited(1)], (await store.ReadStreamAsync("account-1")).Select(e => e.Data));
    }

    [Fact]
    public async Task RefusesOnlyTheStaleOrFailingAppendsAmongConcurrentOnes()
    {
        // Concurrent appends share a transaction (group commit, on both engines): one bad append must not sink the others.
        var store = await OpenAsync();
        Totals.FailOnAmount = 13;
        for (var i = 0; i < 5; i++)
        {
            for (var s = 0; s < 20; s++)
            {
                await store.AppendAsync($"account-{s}", ExpectedVersion.Any, [new Deposited(1)]);
            }

            var outcomes = await Task.WhenAll(Enumerable.Range(0, 20).Select(s => Task.Run(async () =>
            {
                var amount = s == 7 ? 13 : 2;
                // account-3 is always stale; account-7's appends always fail, so it only grows by the set-up append.
                var expected = ExpectedVersion.Exactly(s switch { 3 => 99, 7 => i + 1, _ => (i * 3) + 1 });
                try
                {
                    await store.AppendAsync($"account-{s}", expected, [new Deposited(amount), new Renamed($"r{i}")]);
                    return "ok";
                }
                catch (ConcurrencyException)
                {
                    return "stale";
                }
                catch (InvalidOperationException)
                {
                    return "failed";
                }
            })));

            Assert.Equal("stale", outcomes[3]);
            Assert.Equal("failed", outcomes[7]);
            Assert.Equal(18, outcomes.Count(o => o == "ok"));
        }

        Assert.Equal(15L, await TotalAsync(store, "account-0"));
        Assert.Equal(5L, await TotalAsync(store, "account-3"));
        Assert.Equal(5L, await TotalAsync(store, "account-7"));
        var all = await store.ReadAllAsync(0, 1000);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Position));
        Assert.Equal(100 + (5 * 18 * 2), all.Count);
    }

    [Fact]
    public async Task AsyncProjectionResumesFromItsCheckpointAfterARestartWithoutApplyingTwice()
    {
        var store = await OpenAsync();
        for (var i = 1; i <= 30; i++)
        {
            await store.AppendAsync($"account-{i % 4}", ExpectedVersion.Any, [new Deposited(i), new Renamed($"n{i}")]);
        }

        var runner = new ProjectionRunner(store, new AppliedProjection(), batchSize: 7);
        Assert.Equal(30, await runner.CatchUpAsync());
        Assert.Equal(60, await runner.ReadCheckpointAsync());
        await store.DisposeAsync();

        var restarted = await OpenAsync();
        for (var i = 31; i <= 40; i++)
        {
            await restarted.AppendAsync($"account-{i % 4}", ExpectedVersion.Any, [new Deposited(i)]);
        }

        var resumed = new ProjectionRunner(restarted, new AppliedProjection(), batchSize: 7);
        Assert.Equal(10, await resumed.CatchUpAsync());
        Assert.Equal(0, await resumed.CatchUpAsync());
        Assert.Equal(Enumerable.Range(1, 40).Sum(), await ScalarAsync(restarted, "SELECT sum(amount) FROM test_applied"));
        Assert.Equal(40L, await ScalarAsync(restarted, "SELECT count(*) FROM test_applied"));
    }

    [Fact]
    public async Task RebuildEndsEqualToTheLiveResult()
    {
        var store = await OpenAsync();
        var runner = new ProjectionRunner(store, new AppliedProjection(), batchSize: 50);
        for (var i = 1; i <= 120; i++)
        {
            await store.AppendAsync($"account-{i % 5}", ExpectedVersion.Any, [new Deposited(i * 3)]);
            if (i % 40 == 0)
            {
                await runner.CatchUpAsync();
            }
        }

        var live = await RowsAsync(store, "SELECT position, stream_id, amount FROM test_applied ORDER BY position");
        var reports = new List<ProjectionProgress>();
        var rebuilt = await runner.RebuildAsync(new SyncProgress(reports.Add));

        Assert.Equal(120, rebuilt);
        Assert.Equal(live, await RowsAsync(store, "SELECT position, stream_id, amount FROM test_applied ORDER BY position"));
        Assert.Equal(new ProjectionProgress(120, 120, 120), reports[^1]);
    }

    [Fact]
    public async Task RunningProjectionFollowsNewEventsUntilStopped()
    {
        var store = await OpenAsync();
        var runner = new ProjectionRunner(store, new AppliedProjection());
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(ct: stop.Token);

        await store.AppendAsync("account-1", ExpectedVersion.Any, [new Deposited(1), new Deposited(2)]);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (await runner.ReadCheckpointAsync() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await running;
        Assert.Equal(2L, await ScalarAsync(store, "SELECT count(*) FROM test_applied"));
    }

    [Fact]
    public async Task UpcastsOldShapesOnRead()
    {
        var store = await OpenAsync();
        await InsertRawEventAsync(store, "test.renamed", schemaVersion: 1, """{"title":"Old name"}""");

        var e = Assert.Single(await store.ReadAllAsync(0, 10));

        Assert.Equal(new Renamed("Old name"), e.Data);
    }

    [Fact]
    public async Task NamesThePositionOfAnEventWithAnUnknownType()
    {
        var store = await OpenAsync();
        await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(1)]);
        await InsertRawEventAsync(store, "test.vanished", schemaVersion: 1, """{"x":1}""");

        var error = await Assert.ThrowsAsync<EventDecodingException>(() => store.ReadAllAsync(0, 10));

        Assert.Equal(2, error.Position);
        Assert.Equal("test.vanished", error.Type);
        Assert.Contains("position 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NamesThePositionOfAnEventWithCorruptedJson()
    {
        var store = await OpenAsync();
        await InsertRawEventAsync(store, "test.deposited", schemaVersion: 1, """{"amount":"five"}""");

        var error = await Assert.ThrowsAsync<EventDecodingException>(() => store.ReadAllAsync(0, 10));

        Assert.Equal(1, error.Position);
        Assert.Contains("malformed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppliesMigrationsOnceEvenWhenAskedAgainOrConcurrently()
    {
        var store = await OpenAsync();
        await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(5)]);

        await Task.WhenAll(store.MigrateAsync(), store.MigrateAsync(), (await OpenAsync()).MigrateAsync());

        Assert.Equal(2L, await ScalarAsync(store, "SELECT count(*) FROM es_migrations"));
        Assert.Single(await store.ReadAllAsync(0, 10));
    }

    [Fact]
    public async Task WakesASubscriberInTheSameProcessAtOnceAfterAnAppend()
    {
        var store = await OpenAsync(new EventStoreOptions { Types = TestEvents.Registry(), PollInterval = TimeSpan.FromSeconds(30) });
        await using var tail = await TailAsync(store);

        await store.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(42)]);

        Assert.Equal(new Deposited(42), (await tail.Next.WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }

    [Fact]
    public async Task DeliversToASubscriberThatGetsNoWakeUpWithinThePollInterval()
    {
        // Another store instance stands for another process: on SQLite (the CLI beside the server) nothing
        // wakes it, so the poll alone must deliver.
        var writer = await OpenAsync();
        var reader = await OpenAsync(new EventStoreOptions { Types = TestEvents.Registry(), PollInterval = TimeSpan.FromMilliseconds(200) });
        await using var tail = await TailAsync(reader);

        await writer.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(7)]);

        Assert.Equal(new Deposited(7), (await tail.Next.WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }

    /// <summary>Subscribes from position 0 on a background task; <see cref="Tail.Next"/> completes with the first event.</summary>
    protected static async Task<Tail> TailAsync(SqlEventStore store)
    {
        var tail = new Tail();
        tail.Running = Task.Run(async () =>
        {
            await foreach (var e in store.SubscribeAsync(0, tail.Stop.Token))
            {
                tail.Received.TrySetResult(e);
            }
        });
        await Task.Delay(300);   // let it read the empty log and start waiting
        return tail;
    }

    protected sealed class Tail : IAsyncDisposable
    {
        public CancellationTokenSource Stop { get; } = new(TimeSpan.FromSeconds(60));

        public TaskCompletionSource<RecordedEvent> Received { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<RecordedEvent> Next => Received.Task;

        public Task Running { get; set; } = Task.CompletedTask;

        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Running);
            Stop.Dispose();
        }
    }

    protected Task<SqlEventStore> OpenAsync() => OpenAsync(new EventStoreOptions
    {
        Types = TestEvents.Registry(),
        InlineProjections = [Totals],
        Migrations = [TestEvents.Tables],
    });

    protected async Task<SqlEventStore> OpenAsync(EventStoreOptions options)
    {
        options = new EventStoreOptions
        {
            Types = options.Types,
            InlineProjections = options.InlineProjections,
            Migrations = [TestEvents.Tables],
            PollInterval = options.PollInterval,
            BeforeCommit = options.BeforeCommit,
        };
        var store = await _location.OpenAsync(options);
        _stores.Add(store);
        return store;
    }

    private static async Task<long?> TotalAsync(SqlEventStore store, string streamId) =>
        await ScalarAsync(store, $"SELECT total FROM test_totals WHERE stream_id = '{streamId}'");

    private static async Task<long?> ScalarAsync(SqlEventStore store, string sql)
    {
        await using var connection = await store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var value = await command.ExecuteScalarAsync();
        return value is null or DBNull ? null : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<List<string>> RowsAsync(SqlEventStore store, string sql)
    {
        await using var connection = await store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<string>();
        while (await reader.ReadAsync())
        {
            rows.Add(string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))));
        }

        return rows;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ADerivedWriteSkipsTheFlushAndLeavesEveryPooledConnectionFlushingAgain(bool commit)
    {
        // The throwaway test cluster runs with synchronous_commit off; this store asks for a durable server's setting.
        var store = EventStoreFactory.Create(
            engine,
            engine == StorageEngine.Postgres ? _location.ConnectionString + ";Options=-c synchronous_commit=on" : _location.ConnectionString,
            new EventStoreOptions { Types = TestEvents.Registry(), Migrations = [TestEvents.Tables] });
        _stores.Add(store);
        await store.MigrateAsync();
        await using (var scope = await store.BeginWriteAsync(Durability.Derived))
        {
            Assert.Equal("off", await FlushOnCommitAsync(scope.Connection, scope.Transaction));
            if (commit)
            {
                await scope.CommitAsync();
            }
        }

        var connections = new List<System.Data.Common.DbConnection>();
        try
        {
            for (var i = 0; i < 4; i++)
            {
                connections.Add(await store.OpenAsync());
            }

            foreach (var connection in connections)
            {
                Assert.Equal("on", await FlushOnCommitAsync(connection, null));
            }
        }
        finally
        {
            foreach (var connection in connections)
            {
                await connection.DisposeAsync();
            }
        }

        await using var write = await store.BeginWriteAsync();
        Assert.Equal("on", await FlushOnCommitAsync(write.Connection, write.Transaction));
    }

    /// <summary>"on" when a commit on this connection waits for the disk (SQLite synchronous FULL, PostgreSQL synchronous_commit on).</summary>
    private async Task<string> FlushOnCommitAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction)
    {
        await using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = engine == StorageEngine.Postgres ? "SHOW synchronous_commit" : "PRAGMA synchronous";
        var value = Convert.ToString(await read.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        return value switch { "2" => "on", "1" => "off", _ => value! };
    }

    /// <summary>Writes an event row as an older version of the code (or a damaged disk) would have left it.</summary>
    private async Task InsertRawEventAsync(SqlEventStore store, string type, int schemaVersion, string json)
    {
        await using var scope = await store.BeginWriteAsync();
        await using var context = new ProjectionContext(scope.Connection, scope.Transaction, store.Engine);
        await context.ExecuteAsync("INSERT INTO es_streams (stream_id, stream_type, version) VALUES ('raw-1', 'raw', 1)", default);
        if (engine == StorageEngine.Postgres)
        {
            // PostgreSQL positions come from the head row, as es_write takes them.
            await context.ExecuteAsync(
                "WITH head AS (UPDATE es_head SET position = position + 1 RETURNING position) " +
                "INSERT INTO es_events (position, stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) " +
                "SELECT head.position, 'raw-1', 'raw', 1, @id, @type, @schema, @data::json, '{}', now() FROM head",
                default, ("id", Guid.NewGuid()), ("type", type), ("schema", schemaVersion), ("data", json));
        }
        else
        {
            await context.ExecuteAsync(
                "INSERT INTO es_events (stream_id, stream_type, version, event_id, event_type, schema_version, data, metadata, recorded_at) " +
                "VALUES ('raw-1', 'raw', 1, @id, @type, @schema, @data, '{}', '2026-01-01T00:00:00Z')",
                default, ("id", Guid.NewGuid().ToString()), ("type", type), ("schema", schemaVersion), ("data", json));
        }

        await scope.CommitAsync();
    }

    private sealed class SyncProgress(Action<ProjectionProgress> report) : IProgress<ProjectionProgress>
    {
        public void Report(ProjectionProgress value) => report(value);
    }
}

public sealed class SqliteEventStoreTests() : EventStoreContract(StorageEngine.Sqlite)
{
    [Fact]
    public async Task EveryOpenedConnectionHasItsSettingsAlsoWhenThePoolHandsItOutAgain()
    {
        var store = await OpenAsync();
        for (var open = 0; open < 3; open++)
        {
            await using var connection = await store.OpenAsync();
            await using var read = connection.CreateCommand();
            read.CommandText = "PRAGMA synchronous";
            var synchronous = await read.ExecuteScalarAsync();
            read.CommandText = "PRAGMA foreign_keys";
            var foreignKeys = await read.ExecuteScalarAsync();
            read.CommandText = "PRAGMA temp_store";
            var tempStore = await read.ExecuteScalarAsync();
            read.CommandText = "PRAGMA wal_autocheckpoint";
            var checkpointPages = await read.ExecuteScalarAsync();
            read.CommandText = "PRAGMA busy_timeout";
            Assert.Equal((2L, 1L, 2L, 10000L, 10000L), ((long)synchronous!, (long)foreignKeys!, (long)tempStore!, (long)checkpointPages!, (long)(await read.ExecuteScalarAsync())!));
        }
    }
}

public sealed class PostgresEventStoreTests() : EventStoreContract(StorageEngine.Postgres)
{
    [Fact]
    public async Task WakesAnotherNodeThroughNotifyLongBeforeItsPoll()
    {
        var writer = await OpenAsync();
        var otherNode = await OpenAsync(new EventStoreOptions { Types = TestEvents.Registry(), PollInterval = TimeSpan.FromSeconds(30) });
        await using var tail = await TailAsync(otherNode);

        await writer.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(42)]);

        Assert.Equal(new Deposited(42), (await tail.Next.WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }

    [Fact]
    public async Task StillDeliversWhenTheListenConnectionIsKilled()
    {
        var writer = (PostgresEventStore)await OpenAsync();
        var otherNode = await OpenAsync(new EventStoreOptions { Types = TestEvents.Registry(), PollInterval = TimeSpan.FromMilliseconds(500) });
        await using var tail = await TailAsync(otherNode);

        // The other node's LISTEN connection dies (a network blip, a fail-over): notifications are lost until it reconnects.
        await using (var kill = writer.DataSource.CreateCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE query = 'LISTEN es_appended' AND datname = current_database()"))
        {
            Assert.Equal(1L, await kill.ExecuteScalarAsync());
        }

        await writer.AppendAsync("account-1", ExpectedVersion.NoStream, [new Deposited(9)]);

        Assert.Equal(new Deposited(9), (await tail.Next.WaitAsync(TimeSpan.FromSeconds(5))).Data);
    }
}
