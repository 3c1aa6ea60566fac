using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace BrandForum.EventStore.Sqlite;

/// <summary>
/// The log in one SQLite file: the zero-setup default for a single node. WAL mode lets readers run
/// beside the one writer; writers of this process queue on a gate rather than on SQLITE_BUSY.
/// </summary>
public sealed partial class SqliteEventStore : SqlEventStore
{
    private readonly string _connectionString;
    private readonly SemaphoreSlim _writeGate = new(1, 1);

    /// <summary>Native connections whose PRAGMAs are set (weak: a connection the pool closes is forgotten with it).</summary>
    private static readonly ConditionalWeakTable<object, object> Configured = [];

    public SqliteEventStore(string connectionString, EventStoreOptions options)
        : base(options)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString) { Pooling = true };
        if (builder.Mode != SqliteOpenMode.Memory && !string.IsNullOrEmpty(builder.DataSource))
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                Directory.CreateDirectory(folder);
            }
        }

        _connectionString = builder.ToString();
    }

    public override StorageEngine Engine => StorageEngine.Sqlite;

    public override async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // synchronous=FULL: a committed position is never lost to a power cut and later re-issued
            // to another event behind a client's cursor. busy_timeout covers other processes (the CLI).
            // A 32 MB page cache and a memory map: with the default 2 MB, rebuilds and busy pages went back to the
            // file for pages just read or written.
            // The settings belong to the native connection, which the pool hands out again: set them once per
            // native connection, not on every open (a reply opens several; nothing here ever changes them).
            if (connection.Handle is { } handle && !Configured.TryGetValue(handle, out _))
            {
                await using var pragmas = connection.CreateCommand();
                pragmas.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA cache_size = -32768; PRAGMA temp_store = MEMORY; PRAGMA mmap_size = 268435456; PRAGMA wal_autocheckpoint = 10000;";
                await pragmas.ExecuteNonQueryAsync(ct);
                Configured.AddOrUpdate(handle, Configured);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override async Task<WriteScope> BeginWriteAsync(Durability durability, CancellationToken ct = default)
    {
        await _writeGate.WaitAsync(ct);
        SqliteConnection? connection = null;
        try
        {
            connection = (SqliteConnection)await OpenAsync(ct);
            if (durability == Durability.Derived)
            {
                // WAL with synchronous=NORMAL: the commit is not flushed; the next flushed commit carries it to disk.
                // The setting belongs to the connection and cannot change inside a transaction: set before BEGIN, and
                // back to FULL when the scope ends, before the pool hands the connection to a durable writer.
                await SetSynchronousAsync(connection, "NORMAL", ct);
            }

            // Microsoft.Data.Sqlite begins IMMEDIATE unless asked for deferred: the write lock is taken now,
            // not upgraded later, which is what fails with SQLITE_BUSY mid-transaction.
            var tx = connection.BeginTransaction(deferred: false);
            return new WriteScope(connection, tx, _writeGate, durability == Durability.Derived ? RestoreFullAsync : null);
        }
        catch
        {
            try
            {
                if (connection is not null)
                {
                    await CloseAsync(connection, durability);
                }
            }
            finally
            {
                _writeGate.Release();
            }

            throw;
        }
    }

    /// <summary>Returns a connection to the pool, flushing again if a derived write had set it not to.</summary>
    private static async Task CloseAsync(SqliteConnection connection, Durability durability)
    {
        await using (connection)
        {
            if (durability == Durability.Derived)
            {
                await RestoreFullAsync(connection);
            }
        }
    }

    private static async Task SetSynchronousAsync(SqliteConnection connection, string level, CancellationToken ct)
    {
        await using var pragma = connection.CreateCommand();
        pragma.CommandText = $"PRAGMA synchronous = {level}";
        await pragma.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Puts a connection back to FULL; if even that fails, its pool is emptied so the connection is never handed out again.</summary>
    private static async ValueTask RestoreFullAsync(DbConnection connection)
    {
        try
        {
            await SetSynchronousAsync((SqliteConnection)connection, "FULL", CancellationToken.None);
        }
        catch (SqliteException)
        {
            SqliteConnection.ClearPool((SqliteConnection)connection);
            throw;
        }
    }

    public override async Task MigrateAsync(CancellationToken ct = default)
    {
        await using (var connection = await OpenAsync(ct))
        {
            // journal_mode is persistent and cannot change inside a transaction.
            await using var wal = connection.CreateCommand();
            wal.CommandText = "PRAGMA journal_mode = WAL;";
            await wal.ExecuteNonQueryAsync(ct);
        }

        await using var scope = await BeginWriteAsync(ct);
        await ExecuteAsync(scope, SqliteSchema.MigrationsTable, ct);
        foreach (var (id, sql) in Migrations())
        {
            if (await ScalarAsync(scope, "SELECT 1 FROM es_migrations WHERE id = @id", ct, ("id", id)) is not null)
            {
                continue;
            }

            await ExecuteAsync(scope, sql, ct);
            await ScalarAsync(scope, "INSERT INTO es_migrations (id) VALUES (@id)", ct, ("id", id));
        }

        await scope.CommitAsync(ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await StopWriterAsync();
        SqliteConnection.ClearAllPools();
    }

    protected override DateTimeOffset ReadTimestamp(DbDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    private IEnumerable<(string Id, string Sql)> Migrations()
    {
        yield return ("eventstore/001-log", SqliteSchema.Log);
        foreach (var m in Options.Migrations)
        {
            yield return (m.Id, m.SqliteSql);
        }
    }

    private static async Task ExecuteAsync(WriteScope scope, string sql, CancellationToken ct)
    {
        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(WriteScope scope, string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var command = scope.Connection.CreateCommand();
        command.Transaction = scope.Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        return await command.ExecuteScalarAsync(ct);
    }
}
