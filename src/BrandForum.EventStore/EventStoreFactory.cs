using BrandForum.EventStore.Postgres;
using BrandForum.EventStore.Sqlite;

namespace BrandForum.EventStore;

public static class EventStoreFactory
{
    public static SqlEventStore Create(StorageEngine engine, string connectionString, EventStoreOptions options) => engine switch
    {
        StorageEngine.Sqlite => new SqliteEventStore(connectionString, options),
        StorageEngine.Postgres => new PostgresEventStore(connectionString, options),
        _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "Unknown storage engine."),
    };
}
