using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Startup;

public sealed class StartupTests
{
    [Fact]
    public async Task StopsWithOneClearLineForAnUnknownStorageEngine()
    {
        var line = await StartupErrorAsync(("Forum__Storage", "Mongo"));

        Assert.StartsWith("BrandForum cannot start: Forum:Storage is 'Mongo'", line, StringComparison.Ordinal);
        Assert.Contains("Forum__Storage", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsWithOneClearLineWhenPostgresDoesNotAnswer()
    {
        var line = await StartupErrorAsync(
            ("Forum__Storage", "Postgres"),
            ("ConnectionStrings__Forum", "Host=127.0.0.1;Port=1;Username=nobody;Database=nothing;Timeout=3"));

        Assert.StartsWith("BrandForum cannot start: The PostgreSQL database in ConnectionStrings:Forum cannot be used", line, StringComparison.Ordinal);
        Assert.Contains("Check that PostgreSQL runs", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsWithOneClearLineWhenPostgresIsChosenWithoutAConnectionString()
    {
        var line = await StartupErrorAsync(("Forum__Storage", "Postgres"));

        Assert.StartsWith("BrandForum cannot start: Forum:Storage is Postgres but ConnectionStrings:Forum", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsWithOneClearLineForAThemeThatDoesNotExist()
    {
        var line = await StartupErrorAsync(("Forum__Theme", "neon"));

        Assert.StartsWith("BrandForum cannot start: Forum:Theme is 'neon'", line, StringComparison.Ordinal);
        Assert.Contains("Available: default", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StopsWithOneClearLineForAnUnknownTimeZone()
    {
        var line = await StartupErrorAsync(("Forum__TimeZone", "Mars/Olympus_Mons"));

        Assert.StartsWith("BrandForum cannot start: Forum:TimeZone 'Mars/Olympus_Mons' is not a known time zone", line, StringComparison.Ordinal);
    }

    /// <summary>Starts the server with these settings; it must exit with 1 and say why in exactly one line.</summary>
    private static async Task<string> StartupErrorAsync(params (string Key, string Value)[] settings)
    {
        var (exitCode, _, error) = await ServerProcess.RunAsync(settings.ToDictionary(s => s.Key, s => s.Value));

        Assert.Equal(1, exitCode);
        return Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }
}
