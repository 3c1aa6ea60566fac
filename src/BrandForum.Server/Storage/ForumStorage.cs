using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using Npgsql;

namespace BrandForum.Server.Storage;

/// <summary>A projection the host runs behind a checkpoint (not in the append's transaction).</summary>
public sealed record AsyncProjection(IProjection Projection);

/// <summary>A projection applied inside each append's transaction, for read-your-writes pages.</summary>
public sealed record InlineProjection(IProjection Projection);

/// <summary>Lets a feature register its stored event type names and upcasters.</summary>
public sealed record EventTypes(Action<EventTypeRegistry> Register);

public static class ForumStorage
{
    /// <summary>Registers the event store for the configured engine, assembled from what features registered.</summary>
    public static IServiceCollection AddForumStorage(this IServiceCollection services, IConfiguration configuration)
    {
        var storage = StorageOptions.From(configuration);
        services.AddSingleton(storage);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(Leases.Table);
        services.AddSingleton<Leases>();
        services.AddHostedService<LogTail>();
        services.AddSingleton(provider =>
        {
            var types = new EventTypeRegistry();
            foreach (var feature in provider.GetServices<EventTypes>())
            {
                feature.Register(types);
            }

            return EventStoreFactory.Create(storage.Engine, storage.ConnectionString, new EventStoreOptions
            {
                Types = types,
                InlineProjections = [.. provider.GetServices<InlineProjection>().Select(p => p.Projection)],
                Migrations = [.. provider.GetServices<Migration>()],
                Time = provider.GetRequiredService<TimeProvider>(),
            });
        });
        services.AddSingleton<IEventStore>(provider => provider.GetRequiredService<SqlEventStore>());
        return services;
    }

    /// <summary>Migrates the schema before anything serves; an unreachable database becomes one clear line.</summary>
    public static async Task MigrateForumStorageAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var storage = services.GetRequiredService<StorageOptions>();
        var store = services.GetRequiredService<SqlEventStore>();
        try
        {
            await store.MigrateAsync(ct);
        }
        catch (Exception e) when (e is NpgsqlException or Microsoft.Data.Sqlite.SqliteException or ArgumentException or IOException or UnauthorizedAccessException or TimeoutException)
        {
            throw new StartupException(storage.Engine == StorageEngine.Postgres
                ? $"The PostgreSQL database in ConnectionStrings:Forum cannot be used ({Describe(e)}). Check that PostgreSQL runs, the database exists and ConnectionStrings__Forum is right."
                : $"The SQLite database in ConnectionStrings:Forum cannot be opened ({Describe(e)}). Check that the folder is writable and ConnectionStrings__Forum is a valid 'Data Source=…' string.", e);
        }
    }

    private static string Describe(Exception e) => e.InnerException is { } inner && e.Message.Length < 40
        ? $"{e.Message.TrimEnd('.')}: {inner.Message.TrimEnd('.')}"
        : e.Message.TrimEnd('.');
}
