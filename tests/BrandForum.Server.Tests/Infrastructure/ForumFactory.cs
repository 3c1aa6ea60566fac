using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace BrandForum.Server.Tests.Infrastructure;

public sealed record Ping(string Text);

/// <summary>
/// The real server on a real engine: a SQLite file in a temp folder or a fresh PostgreSQL database.
/// Tests may register extra event types. Two factories given the same connection string are two nodes.
/// </summary>
public sealed class ForumFactory : WebApplicationFactory<Program>
{
    private readonly string _folder = Directory.CreateTempSubdirectory("brandforum-server-").FullName;

    /// <summary>True when this factory made its PostgreSQL database (a second node shares the first node's).</summary>
    private readonly bool _ownsDatabase;

    public ForumFactory(StorageEngine engine, string? sharedConnectionString = null)
    {
        Engine = engine;
        _ownsDatabase = engine == StorageEngine.Postgres && sharedConnectionString is null;
        ConnectionString = sharedConnectionString ?? (engine == StorageEngine.Postgres
            ? PostgresCluster.Instance.CreateDatabase("server")
            : $"Data Source={Path.Combine(_folder, "forum.db")}");
    }

    public StorageEngine Engine { get; }

    /// <summary>Settings for the server, applied when it starts (on first use). Rate limits are off unless a test turns them on.</summary>
    public Dictionary<string, string> Settings { get; } = new() { ["Forum:RateLimits:Enabled"] = "false" };

    public const string AdminPassword = "the admin's own passphrase";

    /// <summary>The server will create the first admin on start: "root", root@example.com, <see cref="AdminPassword"/>.</summary>
    public void WithBootstrapAdmin()
    {
        Settings["Forum:Bootstrap:AdminEmail"] = "root@example.com";
        Settings["Forum:Bootstrap:AdminUserName"] = "root";
        Settings["Forum:Bootstrap:AdminPassword"] = AdminPassword;
    }

    /// <summary>Extra service changes a test needs (applied after the app's own).</summary>
    public Action<IServiceCollection>? TestServices { get; set; }

    /// <summary>Everything the server logged, to prove what never enters the logs.</summary>
    public CapturedLogs Logs { get; } = new();

    public string ConnectionString { get; }

    public string SqliteFile => Path.Combine(_folder, "forum.db");

    public SqlEventStore Store => Services.GetRequiredService<SqlEventStore>();

    /// <summary>The environment that points a server process at this factory's database.</summary>
    public Dictionary<string, string> Environment => new()
    {
        ["Forum__Storage"] = Engine.ToString(),
        ["ConnectionStrings__Forum"] = ConnectionString,
    };

    /// <summary>The environment of a server process on this database as the node tests run it: rate limits off, the first admin "root".</summary>
    public Dictionary<string, string> NodeEnvironment() => new(Environment)
    {
        ["Forum__RateLimits__Enabled"] = "false",
        ["Forum__Bootstrap__AdminEmail"] = "root@example.com",
        ["Forum__Bootstrap__AdminUserName"] = "root",
        ["Forum__Bootstrap__AdminPassword"] = AdminPassword,
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Environment)
        {
            builder.UseSetting(key.Replace("__", ":", StringComparison.Ordinal), value);
        }

        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton(new EventTypes(types => types.Register<Ping>("test.ping")));
            TestServices?.Invoke(services);
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        TempFolder.Delete(_folder);
        if (_ownsDatabase)
        {
            PostgresCluster.Instance.DropDatabase(ConnectionString);
        }
    }
}
