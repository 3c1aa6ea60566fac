using System.Data.Common;

namespace BrandForum.EventStore.Projections;

/// <summary>
/// The open transaction a projection writes in: the append's own (inline) or the batch's with its checkpoint (async).
/// SQL written for both engines sticks to what they share (INSERT … ON CONFLICT, named @parameters).
/// Commands are kept per SQL text for the life of the context, so a statement run for every event of a
/// batch is prepared once, not thousands of times. <see cref="WriteAsync"/> goes further where the driver
/// can pipeline (PostgreSQL): writes are sent together, a thousand statements a round trip.
/// </summary>
public sealed class ProjectionContext(DbConnection connection, DbTransaction transaction, StorageEngine engine) : IAsyncDisposable
{
    private const int MaxPendingWrites = 1000;
    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private DbBatch? _pending;

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; private set; } = transaction;

    public StorageEngine Engine { get; } = engine;

    /// <summary>
    /// For an async batch, the log positions it covers: after <c>From</c> (the checkpoint it started from) up to
    /// <c>To</c> (where the checkpoint moves if it commits). Null inline. See <see cref="CarriedState{T}"/>.
    /// </summary>
    public (long From, long To)? Range { get; init; }

    /// <summary>A command for <paramref name="sql"/> with these parameter values, reused across calls; the context owns it.</summary>
    public DbCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var command) || !SameNames(command.Parameters, parameters))
        {
            if (command is not null)
            {
                command.Dispose();
            }

            command = Connection.CreateCommand();
            command.Transaction = Transaction;
            command.CommandText = sql;
            foreach (var (name, _) in parameters)
            {
                var p = command.CreateParameter();
                p.ParameterName = name;
                command.Parameters.Add(p);
            }

            _commands[sql] = command;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
        }

        return command;
    }

    /// <summary>
    /// Moves the context, with the commands it keeps, to the next transaction on its connection: a writer that keeps
    /// its connection also keeps its statements prepared from one transaction to the next.
    /// </summary>
    public void Continue(DbTransaction next)
    {
        if (!ReferenceEquals(next.Connection, Connection) || _pending is not null)
        {
            throw new InvalidOperationException("A context continues only on its own connection, with nothing left unsent.");
        }

        Transaction = next;
        foreach (var command in _commands.Values)
        {
            command.Transaction = next;
        }
    }

    /// <summary>Runs a statement now (after any pending writes) and returns the rows it affected.</summary>
    public async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await FlushAsync(ct);
        return await Command(sql, parameters).ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A write whose result is not needed: sent with the next ones where the driver can batch, else run now.
    /// Pending writes go out before any <see cref="ExecuteAsync"/> or <see cref="ScalarAsync{T}"/> and at
    /// <see cref="FlushAsync"/>, so statements still apply in the order they were written.
    /// </summary>
    public async Task WriteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (!Connection.CanCreateBatch)
        {
            await Command(sql, parameters).ExecuteNonQueryAsync(ct);
            return;
        }

        _pending ??= CreateBatch();
        var command = _pending.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value ?? DBNull.Value;
            command.Parameters.Add(p);
        }

        _pending.BatchCommands.Add(command);
        if (_pending.BatchCommands.Count >= MaxPendingWrites)
        {
            await FlushAsync(ct);
        }
    }

    /// <summary>Sends the pending writes, if any.</summary>
    public async Task FlushAsync(CancellationToken ct)
    {
        if (_pending is not { } batch)
        {
            return;
        }

        _pending = null;
        await using (batch)
        {
            await batch.ExecuteNonQueryAsync(ct);
        }
    }

    public async Task<T?> ScalarAsync<T>(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await FlushAsync(ct);
        var value = await Command(sql, parameters).ExecuteScalarAsync(ct);
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return value is null or DBNull ? default : (T)Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Releases the commands. Pending writes are dropped: whoever commits flushes first.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_pending is not null)
        {
            await _pending.DisposeAsync();
            _pending = null;
        }

        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
    }

    private DbBatch CreateBatch()
    {
        var batch = Connection.CreateBatch();
        batch.Transaction = Transaction;
        return batch;
    }

    private static bool SameNames(DbParameterCollection existing, (string Name, object? Value)[] parameters)
    {
        if (existing.Count != parameters.Length)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (existing[i].ParameterName != parameters[i].Name)
            {
                return false;
            }
        }

        return true;
    }
}
