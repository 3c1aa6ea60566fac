using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace BrandForum.Testing;

/// <summary>
/// A throwaway PostgreSQL for tests and benchmarks: the cluster named by BRANDFORUM_TEST_POSTGRES, or one
/// started here with initdb in a temp folder on a free loopback port (as the 'postgres' user when we are
/// root, since initdb refuses root), stopped and deleted when the process exits. Each caller gets its own
/// fresh database, so tests never see each other's rows.
/// </summary>
public sealed class PostgresCluster
{
    public const string EnvironmentVariable = "BRANDFORUM_TEST_POSTGRES";
    private const string InstallHint =
        "PostgreSQL server binaries (initdb, pg_ctl) were not found. Install them with: sudo apt-get install -y postgresql " +
        "(or set " + EnvironmentVariable + " to a connection string of a server the tests may create databases on).";

    private static readonly Lazy<PostgresCluster> Shared = new(() => Start(durable: false));
    private readonly string _adminConnectionString;
    private int _databases;

    private PostgresCluster(string adminConnectionString) => _adminConnectionString = adminConnectionString;

    /// <summary>The cluster shared by every test of this process (fsync off: tests need correctness, not durability).</summary>
    public static PostgresCluster Instance => Shared.Value;

    /// <summary>A new empty database on the cluster; returns its connection string.</summary>
    public string CreateDatabase(string prefix = "test")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databases)}";
        using (var admin = new NpgsqlConnection(_adminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            create.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(_adminConnectionString) { Database = name }.ToString();
    }

    /// <summary>
    /// Drops a database made by <see cref="CreateDatabase"/> once its test is over, so a run of hundreds of tests
    /// never holds hundreds of databases on disk at once.
    /// </summary>
    public void DropDatabase(string connectionString)
    {
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        NpgsqlConnection.ClearPool(new NpgsqlConnection(connectionString));
        using var admin = new NpgsqlConnection(_adminConnectionString);
        admin.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", admin);
        drop.ExecuteNonQuery();
    }

    /// <summary>Starts a private cluster (or uses the one from the environment). <paramref name="durable"/> keeps fsync on, for benchmarks.</summary>
    public static PostgresCluster Start(bool durable)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return new PostgresCluster(fromEnvironment);
        }

        var bin = FindBinaries() ?? throw new InvalidOperationException(InstallHint);
        var folder = Directory.CreateTempSubdirectory("brandforum-pg-").FullName;
        var data = Path.Combine(folder, "data");
        var port = FreePort();
        var asRoot = Environment.UserName == "root";
        if (asRoot)
        {
            Run("chown", $"postgres:postgres {folder}");
        }

        Run(bin, "initdb", asRoot, $"-D {data} -U postgres -A trust -E UTF8 --no-sync");
        var settings = $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=256MB" +
                       (durable ? "" : " -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        Run(bin, "pg_ctl", asRoot, $"-D {data} -l {Path.Combine(folder, "log")} -o \"{settings}\" -w -t 60 start");
        RemoveWhenProcessEnds(bin, data, folder, asRoot);
        return new PostgresCluster($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100");
    }

    /// <summary>
    /// A detached watchdog stops the server and deletes its folder once this process is gone. A handler on
    /// ProcessExit is not enough: test hosts are often killed rather than let exit, and every cluster left
    /// behind kept its data (hundreds of MB) in /tmp.
    /// </summary>
    private static void RemoveWhenProcessEnds(string bin, string data, string folder, bool asRoot)
    {
        var stop = $"{(asRoot ? "runuser -u postgres -- " : "")}{Path.Combine(bin, "pg_ctl")} -D {data} -m immediate -w stop";
        var script = $"exec </dev/null >/dev/null 2>&1; while kill -0 {Environment.ProcessId}; do sleep 1; done; {stop}; rm -rf {folder}";
        var watchdog = new ProcessStartInfo("setsid") { UseShellExecute = false };
        foreach (var argument in new[] { "sh", "-c", script })
        {
            watchdog.ArgumentList.Add(argument);
        }

        Process.Start(watchdog)?.Dispose();
    }

    private static string? FindBinaries()
    {
        const string root = "/usr/lib/postgresql";
        if (!Directory.Exists(root))
        {
            return null;
        }

        return Directory.GetDirectories(root)
            .Select(d => Path.Combine(d, "bin"))
            .Where(b => File.Exists(Path.Combine(b, "initdb")))
            .OrderByDescending(b => b, StringComparer.Ordinal)
            .FirstOrDefault();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string bin, string tool, bool asPostgres, string arguments)
    {
        var path = Path.Combine(bin, tool);
        if (asPostgres)
        {
            Run("runuser", $"-u postgres -- {path} {arguments}");
        }
        else
        {
            Run(path, arguments);
        }
    }

    private static void Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException($"Could not start {file}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {arguments} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
    }
}
