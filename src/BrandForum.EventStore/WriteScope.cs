using System.Data.Common;

namespace BrandForum.EventStore;

/// <summary>
/// A write transaction on its own connection. On SQLite it also holds the process's write gate, so
/// writers queue in memory instead of spinning on SQLITE_BUSY. Disposing without commit rolls back;
/// <paramref name="afterTransaction"/> then undoes what the transaction's start changed on the connection.
/// </summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, SemaphoreSlim? gate, Func<DbConnection, ValueTask>? afterTransaction = null)
    : IAsyncDisposable
{
    private int _released;

    public DbConnection Connection { get; } = connection;

    public DbTransaction Transaction { get; } = transaction;

    public Task CommitAsync(CancellationToken ct = default) => Transaction.CommitAsync(ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Transaction.DisposeAsync();
            try
            {
                if (afterTransaction is not null)
                {
                    await afterTransaction(Connection);
                }
            }
            finally
            {
                await Connection.DisposeAsync();
            }
        }
        finally
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate?.Release();
            }
        }
    }
}
