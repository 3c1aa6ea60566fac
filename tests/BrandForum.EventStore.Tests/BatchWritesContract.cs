using System.Globalization;
using BrandForum.EventStore.Projections;
using BrandForum.EventStore.Tests.Infrastructure;

namespace BrandForum.EventStore.Tests;

/// <summary>What async projections use to write a batch fast: bulk writes and state carried between batches, on both engines.</summary>
public abstract class BatchWritesContract(StorageEngine engine) : IAsyncLifetime
{
    private static readonly BulkWrite Things = BulkWrite.Insert(
        "test_things",
        "id uuid, name text, flag boolean, small int, big bigint, ratio double precision, at timestamptz, day date",
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, big = test_things.big + excluded.big");

    private readonly StoreLocation _location = StoreLocation.New(engine);
    private SqlEventStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await _location.OpenAsync(new EventStoreOptions { Types = TestEvents.Registry(), Migrations = [TestEvents.Tables] });
        await WriteAsync(context => context.ExecuteAsync(engine == StorageEngine.Postgres
            ? "CREATE TABLE test_things (id uuid PRIMARY KEY, name text, flag boolean NOT NULL, small int NOT NULL, big bigint NOT NULL, ratio double precision, at timestamptz NOT NULL, day date NOT NULL)"
            : "CREATE TABLE test_things (id TEXT PRIMARY KEY, name TEXT, flag INTEGER NOT NULL, small INTEGER NOT NULL, big INTEGER NOT NULL, ratio REAL, at TEXT NOT NULL, day TEXT NOT NULL) WITHOUT ROWID",
            default));
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _location.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BulkWriteStoresEveryKindOfValueAsASingleRowWriteWouldAcrossStatements(bool knownNew)
    {
        var at = new DateTimeOffset(2026, 11, 22, 10, 30, 15, TimeSpan.FromHours(1)).AddTicks(1234560);
        var rows = Enumerable.Range(0, BulkWrite.RowsPerStatement + 7)
            .Select(i => new object?[] { Id(i), i % 3 == 0 ? null : $"thing é {i}", i % 2 == 0, i, 10_000_000_000L + i, i % 5 == 0 ? null : i / 4.0, at.AddMinutes(i), new DateOnly(2026, 1, 1).AddDays(i % 300) })
            .ToList();

        await WriteAsync(context => knownNew ? Things.WriteNewAsync(context, rows, default) : Things.WriteAsync(context, rows, default));

        Assert.Equal(rows.Count, await ScalarAsync("SELECT COUNT(*) FROM test_things"));
        var sample = await RowAsync(Id(4));
        Assert.Equal("thing é 4|True|4|10000000004|1|2026-11-22T09:34:15.1234560Z|2026-01-05", sample);
        Assert.Equal("null|False|15|10000000015|null|2026-11-22T09:45:15.1234560Z|2026-01-16", await RowAsync(Id(15)));
        if (engine == StorageEngine.Sqlite)
        {
            // Stored in the text forms single-row writes use (Guid.ToString(), round-trip instants), so they compare equal.
            Assert.Equal(1, await ScalarAsync($"SELECT COUNT(*) FROM test_things WHERE id = '{Id(4)}' AND at = '{at.AddMinutes(4).UtcDateTime.ToString("O", CultureInfo.InvariantCulture)}'"));
        }
    }

    [Fact]
    public async Task BulkWriteRunsItsConflictClausePerRow()
    {
        await WriteAsync(context => Things.WriteAsync(context, [Thing(1, "first", 5), Thing(2, "second", 7)], default));

        await WriteAsync(context => Things.WriteAsync(context, [Thing(1, "renamed", 10), Thing(3, "third", 1)], default));

        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM test_things"));
        Assert.StartsWith("renamed|", await RowAsync(Id(1)), StringComparison.Ordinal);
        Assert.Equal(15, await ScalarAsync($"SELECT big FROM test_things WHERE id = {Literal(Id(1))}"));
    }

    [Fact]
    public async Task BulkWriteWithNoRowsWritesNothing()
    {
        await WriteAsync(context => Things.WriteAsync(context, [], default));

        Assert.Equal(0, await ScalarAsync("SELECT COUNT(*) FROM test_things"));
    }

    [Fact]
    public async Task CarriedStateIsReusedOnlyByTheBatchThatStartsWhereTheLastOneCommitted()
    {
        for (var i = 1; i <= 20; i++)
        {
            await _store.AppendAsync($"account-{i % 3}", ExpectedVersion.Any, [new Deposited(i)]);
        }

        var projection = new CarryingProjection();
        await new ProjectionRunner(_store, projection, batchSize: 5).CatchUpAsync();
        Assert.Equal([true, false, false, false], projection.FreshBatches);

        // Another node (another instance) moves the checkpoint: this one's state is behind and is not used.
        await _store.AppendAsync("account-1", ExpectedVersion.Any, [new Deposited(21)]);
        await new ProjectionRunner(_store, new CarryingProjection(), batchSize: 5).CatchUpAsync();
        await _store.AppendAsync("account-1", ExpectedVersion.Any, [new Deposited(22)]);
        await new ProjectionRunner(_store, projection, batchSize: 5).CatchUpAsync();
        Assert.True(projection.FreshBatches[^1]);

        // A batch that fails after changing the state leaves it behind too.
        projection.FailNext = true;
        await _store.AppendAsync("account-1", ExpectedVersion.Any, [new Deposited(23)]);
        await Assert.ThrowsAsync<InvalidOperationException>(() => new ProjectionRunner(_store, projection).CatchUpAsync());
        await new ProjectionRunner(_store, projection).CatchUpAsync();
        Assert.True(projection.FreshBatches[^1]);
        Assert.Equal(23, projection.LastCount);
    }

    private static Guid Id(int i) => new($"00000000-0000-7000-8000-{i:D12}");

    private static object?[] Thing(int i, string name, long big) => [Id(i), name, true, i, big, null, DateTimeOffset.UnixEpoch, new DateOnly(2026, 1, 1)];

    private string Literal(Guid id) => engine == StorageEngine.Postgres ? $"'{id}'::uuid" : $"'{id}'";

    private async Task WriteAsync(Func<ProjectionContext, Task> write)
    {
        await using var scope = await _store.BeginWriteAsync();
        await using (var context = new ProjectionContext(scope.Connection, scope.Transaction, _store.Engine))
        {
            await write(context);
            await context.FlushAsync(default);
        }

        await scope.CommitAsync();
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>A row's columns after the id as invariant text joined by '|' (null as "null"), instants in UTC and dates as days.</summary>
    private async Task<string> RowAsync(Guid id)
    {
        await using var connection = await _store.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT name, flag, small, big, ratio, at, day FROM test_things WHERE id = {Literal(id)}";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return string.Join('|', Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetValue(i) switch
        {
            DBNull => "null",
            bool b => b ? "True" : "False",
            long l when i == 1 => l != 0 ? "True" : "False",
            DateTime t when i == 6 => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            DateTime t => t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
            DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            var value => Convert.ToString(value, CultureInfo.InvariantCulture),
        }));
    }

    /// <summary>Counts deposits in carried state and notes, per batch, whether it got a fresh state.</summary>
    private sealed class CarryingProjection : IProjection
    {
        private readonly CarriedState<long[]> _count = new(() => [0]);

        public List<bool> FreshBatches { get; } = [];

        public bool FailNext { get; set; }

        public long LastCount { get; private set; }

        public string Name => "test.carrying";

        public IReadOnlySet<string> EventTypes { get; } = new HashSet<string> { "test.deposited" };

        public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
        {
            var count = _count.Take(context);
            if (count[0] == 0)
            {
                // A fresh state reads what the tables say, as a real projection would.
                count[0] = await context.ScalarAsync<long>("SELECT COUNT(*) FROM test_applied", ct);
                FreshBatches.Add(true);
            }
            else
            {
                FreshBatches.Add(false);
            }

            foreach (var e in events)
            {
                await context.ExecuteAsync("INSERT INTO test_applied (position, stream_id, amount) VALUES (@p, @s, 1)", ct, ("p", e.Position), ("s", e.StreamId));
                count[0]++;
            }

            if (FailNext)
            {
                FailNext = false;
                throw new InvalidOperationException("This batch fails after changing the state.");
            }

            LastCount = count[0];
            _count.Keep(context, count);
        }

        public Task ResetAsync(ProjectionContext context, CancellationToken ct)
        {
            _count.Forget();
            return context.ExecuteAsync("DELETE FROM test_applied", ct);
        }
    }
}

public sealed class SqliteBatchWritesTests() : BatchWritesContract(StorageEngine.Sqlite);

public sealed class PostgresBatchWritesTests() : BatchWritesContract(StorageEngine.Postgres);
