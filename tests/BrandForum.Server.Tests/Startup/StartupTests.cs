using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Startup;

public sealed class StartupTests
{
    [Fact]
    public async Task StopsWithOneClearLineForAnUnknownStorageEngine()
    {
        var (exitCode, _, error) = await ServerProcess.RunAsync(new Dictionary<string, string> { ["Forum__Storage"] = "Mongo" });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("BrandForum cannot start: Forum:Storage is 'Mongo'", line, StringComparison.Ordinal);
        Assert.Contains("Forum__Storage", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsWithOneClearLineWhenPostgresDoesNotAnswer()
    {
        var (exitCode, _, error) = await ServerProcess.RunAsync(new Dictionary<string, string>
        {
            ["Forum__Storage"] = "Postgres",
            ["ConnectionStrings__Forum"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=3",
        });

        Assert.Equal(1, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("BrandForum cannot start: The PostgreSQL database in ConnectionStrings:Forum cannot be used", line, StringComparison.Ordinal);
        Assert.Contains("Check that PostgreSQL runs", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsWithOneClearLineWhenPostgresIsChosenWithoutAConnectionString()
    {
        var (exitCode, _, error) = await ServerProcess.RunAsync(new Dictionary<string, string> { ["Forum__Storage"] = "Postgres" });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("BrandForum cannot start: Forum:Storage is Postgres but ConnectionStrings:Forum", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsWithOneClearLineForAThemeThatDoesNotExist()
    {
        var (exitCode, _, error) = await ServerProcess.RunAsync(new Dictionary<string, string> { ["Forum__Theme"] = "neon" });

        Assert.Equal(1, exitCode);
        Assert.StartsWith("BrandForum cannot start: Forum:Theme is 'neon'", error, StringComparison.Ordinal);
        Assert.Contains("Available: default", error, StringComparison.Ordinal);
    }
}
