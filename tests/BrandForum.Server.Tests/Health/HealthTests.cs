using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Npgsql;

namespace BrandForum.Server.Tests.Health;

public abstract class HealthTests(StorageEngine engine) : IDisposable
{
    private readonly ForumFactory _forum = new(engine);

    public void Dispose()
    {
        _forum.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task AnswersOkWithTheLogHeadWhenStorageAnswers()
    {
        var client = _forum.CreateClient();
        await _forum.Store.AppendAsync("ping-1", ExpectedVersion.NoStream, [new Ping("hello")]);

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(engine.ToString(), body.RootElement.GetProperty("log").GetProperty("engine").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("log").GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task AnswersServiceUnavailableWhenStorageStopsAnswering()
    {
        var client = _forum.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

        await BreakStorageAsync();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
    }

    private async Task BreakStorageAsync()
    {
        if (engine == StorageEngine.Postgres)
        {
            var database = new NpgsqlConnectionStringBuilder(_forum.ConnectionString).Database;
            var admin = new NpgsqlConnectionStringBuilder(_forum.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ToString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await File.WriteAllTextAsync(_forum.SqliteFile, new string('x', 8192));
            File.Delete(_forum.SqliteFile + "-wal");
            File.Delete(_forum.SqliteFile + "-shm");
        }
    }
}

public sealed class SqliteHealthTests() : HealthTests(StorageEngine.Sqlite);

public sealed class PostgresHealthTests() : HealthTests(StorageEngine.Postgres);
