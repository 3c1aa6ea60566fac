using System.Text.Json.Nodes;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;

namespace BrandForum.EventStore.Tests.Infrastructure;

public sealed record Deposited(int Amount);

/// <summary>Version 2 of "renamed": version 1 stored the name as "title".</summary>
public sealed record Renamed(string Name);

public static class TestEvents
{
    public static EventTypeRegistry Registry() => new EventTypeRegistry()
        .Register<Deposited>("test.deposited")
        .Register<Renamed>("test.renamed", schemaVersion: 2)
        .Upcast("test.renamed", fromVersion: 1, json =>
        {
            json["name"] = json["title"]?.DeepClone();
            json.Remove("title");
            return json;
        });

    public static readonly Migration Tables = new(
        "test/001-tables",
        """
        CREATE TABLE test_totals (stream_id text PRIMARY KEY, total bigint NOT NULL);
        CREATE TABLE test_applied (position bigint PRIMARY KEY, stream_id text NOT NULL, amount int NOT NULL);
        """,
        """
        CREATE TABLE test_totals (stream_id TEXT PRIMARY KEY, total INTEGER NOT NULL);
        CREATE TABLE test_applied (position INTEGER PRIMARY KEY, stream_id TEXT NOT NULL, amount INTEGER NOT NULL);
        """);
}

/// <summary>Inline: a running total per stream, for read-your-writes.</summary>
public sealed class TotalsProjection : IProjection
{
    public string Name => "test.totals";

    public IReadOnlySet<string> EventTypes { get; } = new HashSet<string> { "test.deposited" };

    /// <summary>Makes the projection throw for an amount, to prove the append rolls back with it.</summary>
    public int? FailOnAmount { get; set; }

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var recorded in events)
        {
            var amount = ((Deposited)recorded.Data).Amount;
            if (amount == FailOnAmount)
            {
                throw new InvalidOperationException("projection failed on purpose");
            }

            await context.ExecuteAsync(
                "INSERT INTO test_totals (stream_id, total) VALUES (@s, @a) ON CONFLICT (stream_id) DO UPDATE SET total = test_totals.total + excluded.total",
                ct,
                ("s", recorded.StreamId),
                ("a", (long)amount));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM test_totals", ct);
}

/// <summary>Async: one row per applied event keyed by position, so applying an event twice fails loudly.</summary>
public sealed class AppliedProjection : IProjection
{
    public string Name => "test.applied";

    public IReadOnlySet<string> EventTypes { get; } = new HashSet<string> { "test.deposited" };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var recorded in events)
        {
            await context.ExecuteAsync(
                "INSERT INTO test_applied (position, stream_id, amount) VALUES (@p, @s, @a)",
                ct,
                ("p", recorded.Position),
                ("s", recorded.StreamId),
                ("a", ((Deposited)recorded.Data).Amount));
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM test_applied", ct);
}
