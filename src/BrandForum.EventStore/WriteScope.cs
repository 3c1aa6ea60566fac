using System.Data.Common;

namespace BrandForum.EventStore;

/// <summary>
/// A write transaction on its own connection. On SQLite it also holds the process's write gate, so
/// writers queue in memory instead of spinning on SQLITE_BUSY. Disposing without commit rolls back.
/// </summary>
public sealed class WriteScope(DbConnection connection, DbTransaction transaction, SemaphoreSlim? gate) : IAsyncDisposable
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
            await Connection.DisposeAsync();
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
