using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Testing;

namespace BrandForum.Benchmarks;

/// <summary>Fresh databases for each measurement: a SQLite file in a temp folder, or a new database on a durable private PostgreSQL.</summary>
public static class BenchStores
{
    private static readonly Lazy<PostgresCluster> Cluster = new(() => PostgresCluster.Start(durable: true));
    private static readonly List<string> Folders = CleanedAtExit();

    /// <summary>A new SQLite file (its folder is deleted when the benchmark ends: a million-event log is hundreds of MB) or PostgreSQL database.</summary>
    public static string NewLocation(StorageEngine engine)
    {
        if (engine == StorageEngine.Postgres)
        {
            return Cluster.Value.CreateDatabase("bench");
        }

        var folder = Directory.CreateTempSubdirectory("brandforum-bench-").FullName;
        lock (Folders)
        {
            Folders.Add(folder);
        }

        return $"Data Source={Path.Combine(folder, "forum.db")}";
    }

    private static List<string> CleanedAtExit()
    {
        var folders = new List<string>();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var folder in folders)
            {
                TempFolder.Delete(folder);
            }
        };
        return folders;
    }

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
