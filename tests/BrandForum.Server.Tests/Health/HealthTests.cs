using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;
using Npgsql;

namespace BrandForum.Server.Tests.Health;

public abstract class HealthTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task AnswersOkWithTheLogHeadWhenStorageAnswers()
    {
        var client = Forum.CreateClient();
        await Forum.Store.AppendAsync("ping-1", ExpectedVersion.NoStream, [new Ping("hello")]);

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("healthy", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(Forum.Engine.ToString(), body.RootElement.GetProperty("log").GetProperty("engine").GetString());
        Assert.Equal(1, body.RootElement.GetProperty("log").GetProperty("position").GetInt64());
    }

    [Fact]
    public async Task AnswersServiceUnavailableWhenStorageStopsAnswering()
    {
        var client = Forum.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode);

        await BreakStorageAsync();
        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("unhealthy", body.RootElement.GetProperty("status").GetString());
    }

    private async Task BreakStorageAsync()
    {
        if (Forum.Engine == StorageEngine.Postgres)
        {
            var database = new NpgsqlConnectionStringBuilder(Forum.ConnectionString).Database;
            var admin = new NpgsqlConnectionStringBuilder(Forum.ConnectionString) { Database = "postgres", Pooling = false };
            await using var connection = new NpgsqlConnection(admin.ToString());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE \"{database}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            await File.WriteAllTextAsync(Forum.SqliteFile, new string('x', 8192));
            File.Delete(Forum.SqliteFile + "-wal");
            File.Delete(Forum.SqliteFile + "-shm");
        }
    }
}

public sealed class SqliteHealthTests() : HealthTests(StorageEngine.Sqlite);

public sealed class PostgresHealthTests() : HealthTests(StorageEngine.Postgres);
