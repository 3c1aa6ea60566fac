using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace BrandForum.EventStore.Postgres;

/// <summary>
/// The log on PostgreSQL: several app nodes can share it. Positions come from the single-row head counter
/// taken last in each append transaction (see <see cref="PostgresSchema"/>); appends arriving together share
/// one transaction (see the Appends part); NOTIFY after commit wakes every node's tail.
/// </summary>
public sealed partial class PostgresEventStore : SqlEventStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly NpgsqlDataSource _listeners;
    private readonly PostgresWakeUps _wakeUps;
    private int _disposed;

    public PostgresEventStore(string connectionString, EventStoreOptions options)
        : base(options)
    {
        // Auto-prepare: the same few statements (appends, reads, projection writes) run all day, so
        // PostgreSQL parses and plans each once per connection instead of on every call.
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 100;
        }

        // A LISTEN connection lives as long as the node and keeps session state (its LISTEN): it is not pooled.
        _listeners = NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(builder.ConnectionString) { Pooling = false });

        // No reset on close: nothing here leaves session state on a pooled connection (locks are per transaction,
        // LISTEN has its own connections above), and the reset was seven statements for PostgreSQL on each open —
        // a reply opens five or six connections, so those were most of the statements it cost the database.
        builder.NoResetOnClose = true;
        _dataSource = NpgsqlDataSource.Create(builder);
        _wakeUps = new PostgresWakeUps(this, Signal);
    }

    public override StorageEngine Engine => StorageEngine.Postgres;

    public NpgsqlDataSource DataSource => _dataSource;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default) => await _dataSource.OpenConnectionAsync(ct);

    /// <summary>An unpooled connection for LISTEN: it holds session state for as long as it is open.</summary>
    public async Task<NpgsqlConnection> OpenListenerAsync(CancellationToken ct) => await _listeners.OpenConnectionAsync(ct);

    public override async Task<WriteScope> BeginWriteAsync(Durability durability, CancellationToken ct = default)
    {
        var connection = await _dataSource.OpenConnectionAsync(ct);
        try
        {
            var transaction = await connection.BeginTransactionAsync(ct);
            if (durability == Durability.Derived)
            {
                // SET LOCAL ends with the transaction: nothing is left on the pooled connection.
                await ExecuteAsync(connection, transaction, "SET LOCAL synchronous_commit = off", ct);
            }

            return new WriteScope(connection, transaction, gate: null);
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

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            await StopWriterAsync();
            await _wakeUps.DisposeAsync();
            await _dataSource.DisposeAsync();
            await _listeners.DisposeAsync();
        }
    }

    protected override void EnsureWakeUps() => _wakeUps.Start();

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

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
