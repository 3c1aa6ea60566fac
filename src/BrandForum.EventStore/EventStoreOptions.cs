using BrandForum.EventStore.Projections;

namespace BrandForum.EventStore;

/// <summary>What a store needs besides its connection string.</summary>
public sealed class EventStoreOptions
{
    public EventTypeRegistry Types { get; init; } = new();

    /// <summary>Projections applied in the append's own transaction.</summary>
    public IReadOnlyList<IProjection> InlineProjections { get; init; } = [];

    /// <summary>Schema migrations of the read models, applied after the log's own, in order.</summary>
    public IReadOnlyList<Migration> Migrations { get; init; } = [];

    /// <summary>How long a subscriber waits for a wake-up before it polls anyway.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(1);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>
    /// Runs after an append took its position and before it commits. A test seam: the ordering tests
    /// hold transactions open here to prove late commits are never skipped. Leave it null in production.
    /// </summary>
    public Func<CancellationToken, Task>? BeforeCommit { get; init; }
}

/// <summary>
/// One versioned schema change. <see cref="Id"/> is recorded once applied, so applying is idempotent;
/// the SQL is per engine because their DDL differs.
/// </summary>
public sealed record Migration(string Id, string PostgresSql, string SqliteSql);
