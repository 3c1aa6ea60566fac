using BrandForum.EventStore;

namespace BrandForum.Server.Storage;

/// <summary>Which engine holds the log (Forum:Storage) and where (ConnectionStrings:Forum).</summary>
public sealed record StorageOptions(StorageEngine Engine, string ConnectionString)
{
    public const string DefaultConnectionString = "Data Source=data/brandforum.db";

    /// <summary>Reads and checks the configuration; a mistake is a <see cref="StartupException"/> that says how to fix it.</summary>
    public static StorageOptions From(IConfiguration configuration)
    {
        var engineName = configuration["Forum:Storage"];
        var engine = engineName switch
        {
            null or "" => StorageEngine.Sqlite,
            _ when engineName.Equals("sqlite", StringComparison.OrdinalIgnoreCase) => StorageEngine.Sqlite,
            _ when engineName.Equals("postgres", StringComparison.OrdinalIgnoreCase) || engineName.Equals("postgresql", StringComparison.OrdinalIgnoreCase) => StorageEngine.Postgres,
            _ => throw new StartupException(
                $"Forum:Storage is '{engineName}', which is not a storage engine. Set Forum__Storage to Sqlite (the default, a file under data/) or Postgres."),
        };

        var connectionString = configuration.GetConnectionString("Forum");
        if (string.IsNullOrWhiteSpace(connectionString) || (engine == StorageEngine.Postgres && connectionString == DefaultConnectionString))
        {
            connectionString = engine == StorageEngine.Sqlite
                ? DefaultConnectionString
                : throw new StartupException(
                    "Forum:Storage is Postgres but ConnectionStrings:Forum is not a PostgreSQL connection string. " +
                    "Set ConnectionStrings__Forum, e.g. \"Host=localhost;Database=brandforum;Username=brandforum;Password=…\".");
        }

        return new StorageOptions(engine, connectionString);
    }
}

/// <summary>A configuration or environment problem found at start-up: printed as one line, without a stack trace.</summary>
public sealed class StartupException(string message, Exception? inner = null) : Exception(message, inner);
