using BrandForum.Testing;

namespace BrandForum.EventStore.Tests.Infrastructure;

/// <summary>A fresh, empty database for one test: a SQLite file in a temp folder or a new PostgreSQL database.</summary>
public sealed class StoreLocation : IDisposable
{
    private readonly string? _folder;

    private StoreLocation(StorageEngine engine, string connectionString, string? folder)
    {
        Engine = engine;
        ConnectionString = connectionString;
        _folder = folder;
    }

    public StorageEngine Engine { get; }

    public string ConnectionString { get; }

    public static StoreLocation New(StorageEngine engine)
    {
        if (engine == StorageEngine.Postgres)
        {
            return new StoreLocation(engine, PostgresCluster.Instance.CreateDatabase(), null);
        }

        var folder = Directory.CreateTempSubdirectory("brandforum-test-").FullName;
        return new StoreLocation(engine, $"Data Source={Path.Combine(folder, "forum.db")}", folder);
    }

    public async Task<SqlEventStore> OpenAsync(EventStoreOptions options)
    {
        var store = EventStoreFactory.Create(Engine, ConnectionString, options);
        await store.MigrateAsync();
        return store;
    }

    public void Dispose()
    {
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            TempFolder.Delete(_folder);
        }
        else
        {
            PostgresCluster.Instance.DropDatabase(ConnectionString);
        }
    }
}
