using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Testing;

namespace BrandForum.Benchmarks;

/// <summary>Fresh databases for each measurement: a SQLite file in a temp folder, or a new database on a durable private PostgreSQL.</summary>
public static class BenchStores
{
    private static readonly Lazy<PostgresCluster> Cluster = new(() => PostgresCluster.Start(durable: true));

    public static string NewLocation(StorageEngine engine) => engine == StorageEngine.Postgres
        ? Cluster.Value.CreateDatabase("bench")
        : $"Data Source={Path.Combine(Directory.CreateTempSubdirectory("brandforum-bench-").FullName, "forum.db")}";

    public static async Task<SqlEventStore> OpenAsync(StorageEngine engine, string location, IReadOnlyList<IProjection>? inline = null)
    {
        var store = EventStoreFactory.Create(engine, location, new EventStoreOptions
        {
            Types = BenchEvents.Registry(),
            InlineProjections = inline ?? [],
            Migrations = [BenchEvents.Tables],
        });
        await store.MigrateAsync();
        return store;
    }
}
