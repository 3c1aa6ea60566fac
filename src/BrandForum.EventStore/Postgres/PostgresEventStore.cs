using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace BrandForum.EventStore.Postgres;

/// <summary>
/// The log on PostgreSQL: several app nodes can share it. Positions come from the single-row head counter
/// taken last in each append (see <see cref="PostgresSchema"/>); NOTIFY after commit wakes every node's tail.
/// </summary>
public sealed class PostgresEventStore : SqlEventStore
{
    private const string ConflictState = "ES409";
    private const string AppendSql = "SELECT new_version, last_position FROM es_append(@s, @st, @e, @ids, @types, @schemas, @data, @meta, @at)";

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresWakeUps _wakeUps;
    private int _disposed;

    public PostgresEventStore(string connectionString, EventStoreOptions options)
        : base(options)
    {
        _dataSource = NpgsqlDataSource.Create(connectionString);
        _wakeUps = new PostgresWakeUps(_dataSource, Signal);
    }

    public override StorageEngine Engine => StorageEngine.Postgres;

    public NpgsqlDataSource DataSource => _dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await _dataSource.OpenConnectionAsync(ct);

    public override async Task<WriteScope> BeginWriteAsync(CancellationToken ct = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(ct);
        try
        {
            return new WriteScope(connection, await connection.BeginTransactionAsync(ct), gate: null);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task MigrateAsync(CancellationToken ct = default)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        // Nodes starting together queue here; DDL is transactional, so a failed migration leaves nothing behind.
        await ExecuteAsync(connection, tx, "SELECT pg_advisory_xact_lock(hashtext('brandforum:migrations'))", ct);
        await ExecuteAsync(connection, tx, PostgresSchema.MigrationsTable, ct);
        foreach (var (id, sql) in Migrations())
        {
            await using var applied = new NpgsqlCommand("SELECT 1 FROM es_migrations WHERE id = @id", connection, tx);
            applied.Parameters.AddWithValue("id", id);
            if (await applied.ExecuteScalarAsync(ct) is not null)
            {
                continue;
            }

            await ExecuteAsync(connection, tx, sql, ct);
            await using var record = new NpgsqlCommand("INSERT INTO es_migrations (id) VALUES (@id)", connection, tx);
            record.Parameters.AddWithValue("id", id);
            await record.ExecuteNonQueryAsync(ct);
        }

        await tx.CommitAsync(ct);
    }

    public override async Task<AppendResult> AppendAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<object> events, EventMetadata? metadata = null, CancellationToken ct = default)
    {
        metadata ??= EventMetadata.None;
        try
        {
            var result = HasInlineWork(events) || Options.BeforeCommit is not null
                ? await AppendWithInlineProjectionsAsync(streamId, expected, events, metadata, ct)
                : await AppendAloneAsync(streamId, expected, events, metadata, ct);
            Signal.Pulse();
            return result;
        }
        catch (PostgresException e) when (e.SqlState == ConflictState || (e.SqlState == PostgresErrorCodes.UniqueViolation && e.TableName is "es_streams" or "es_events"))
        {
            throw new ConcurrencyException(streamId, expected, await ReadStreamVersionAsync(streamId, ct));
        }
    }

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await _wakeUps.DisposeAsync();
            await _dataSource.DisposeAsync();
        }
    }

    protected override void EnsureWakeUps() => _wakeUps.Start();

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    /// <summary>No inline projection reads these events: one statement, its own implicit transaction, one round trip.</summary>
    private async Task<AppendResult> AppendAloneAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct)
    {
        var prepared = Prepare(streamId, 0, events, metadata);
        await using var command = _dataSource.CreateCommand(AppendSql);
        AddAppendParameters(command, streamId, expected, prepared);
        return await ReadAppendResultAsync(command, ct);
    }

    /// <summary>
    /// Inline projections run first, then es_append takes the head counter as the last statement before
    /// commit, so the serialised section covers only the event insert and the commit itself.
    /// </summary>
    private async Task<AppendResult> AppendWithInlineProjectionsAsync(
        string streamId, ExpectedVersion expected, IReadOnlyList<object> events, EventMetadata metadata, CancellationToken ct)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var current = expected.IsAny ? await LockStreamVersionAsync(connection, tx, streamId, ct) : expected.Value;
        var prepared = Prepare(streamId, current + 1, events, metadata);
        await ApplyInlineAsync(connection, tx, [.. prepared.Select(p => p.Event)], ct);

        await using var command = new NpgsqlCommand(AppendSql, connection, tx);
        AddAppendParameters(command, streamId, expected.IsAny ? ExpectedVersion.Exactly(current) : expected, prepared);
        var result = await ReadAppendResultAsync(command, ct);
        if (Options.BeforeCommit is { } beforeCommit)
        {
            await beforeCommit(ct);
        }

        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>
    /// "Any" must still tell inline projections the versions it will write: lock the stream row (creating
    /// it at version 0 if new) so no other append moves it before ours commits.
    /// </summary>
    private static async Task<long> LockStreamVersionAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string streamId, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            """
            INSERT INTO es_streams (stream_id, stream_type, version) VALUES (@s, @t, 0) ON CONFLICT DO NOTHING;
            SELECT version FROM es_streams WHERE stream_id = @s FOR UPDATE;
            """,
            connection,
            tx);
        command.Parameters.AddWithValue("s", streamId);
        command.Parameters.AddWithValue("t", StreamIds.TypeOf(streamId));
        return (long)(await command.ExecuteScalarAsync(ct))!;
    }

    /// <summary>For the concurrency error only: the version the stream is at now (null if it does not exist).</summary>
    private async Task<long?> ReadStreamVersionAsync(string streamId, CancellationToken ct)
    {
        await using var command = _dataSource.CreateCommand("SELECT version FROM es_streams WHERE stream_id = @s");
        command.Parameters.AddWithValue("s", streamId);
        return await command.ExecuteScalarAsync(ct) as long?;
    }

    private static void AddAppendParameters(
        NpgsqlCommand command, string streamId, ExpectedVersion expected, IReadOnlyList<(RecordedEvent Event, int SchemaVersion, string Json)> prepared)
    {
        var parameters = command.Parameters;
        parameters.AddWithValue("s", streamId);
        parameters.AddWithValue("st", StreamIds.TypeOf(streamId));
        parameters.AddWithValue("e", expected.Value);
        parameters.AddWithValue("ids", prepared.Select(p => p.Event.EventId).ToArray());
        parameters.AddWithValue("types", prepared.Select(p => p.Event.Type).ToArray());
        parameters.AddWithValue("schemas", prepared.Select(p => p.SchemaVersion).ToArray());
        parameters.Add(new NpgsqlParameter("data", NpgsqlDbType.Array | NpgsqlDbType.Jsonb) { Value = prepared.Select(p => p.Json).ToArray() });
        parameters.Add(new NpgsqlParameter("meta", NpgsqlDbType.Array | NpgsqlDbType.Jsonb)
        {
            Value = prepared.Select(p => MetadataJson.Write(p.Event.Metadata)).ToArray(),
        });
        parameters.AddWithValue("at", prepared[0].Event.RecordedAt);
    }

    private static async Task<AppendResult> ReadAppendResultAsync(NpgsqlCommand command, CancellationToken ct)
    {
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new AppendResult(reader.GetInt64(0), reader.GetInt64(1));
    }

    private IEnumerable<(string Id, string Sql)> Migrations()
    {
        yield return ("eventstore/001-log", PostgresSchema.Log);
        foreach (var m in Options.Migrations)
        {
            yield return (m.Id, m.PostgresSql);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction tx, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, tx);
        await command.ExecuteNonQueryAsync(ct);
    }
}
