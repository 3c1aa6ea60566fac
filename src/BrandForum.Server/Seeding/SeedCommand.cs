using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Seeding;

/// <summary>
/// <c>seed --demo [--force] [--members 60] [--topics 200] [--posts 5000]</c>: fills a demo community for demos and
/// benchmarks (see <see cref="DemoSeeder"/>). Refuses a forum that already has categories or topics unless
/// <c>--force</c>, which adds a second batch of topics beside what is there.
/// </summary>
public static class SeedCommand
{
    private const string Usage = "Usage: seed --demo [--force] [--members 60] [--topics 200] [--posts 5000]";

    public static bool Matches(string[] args) => args is ["seed", ..];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, CancellationToken ct = default)
    {
        if (!args.Contains("--demo") || Size(args) is not { } size)
        {
            await output.WriteLineAsync(Usage);
            await output.WriteLineAsync("  --posts counts every post, opening posts included: at least one per topic. At least 3 members (the admin and two moderators).");
            return 2;
        }

        if (!args.Contains("--force") && await ContentCountAsync(services.GetRequiredService<SqlEventStore>(), ct) is > 0 and var existing)
        {
            await output.WriteLineAsync(string.Create(
                CultureInfo.InvariantCulture,
                $"This forum is not empty ({existing} categories and topics): the demo seed only fills a new forum. Add --force to seed beside the existing content."));
            return 2;
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Seeding the demo community: {size.Members} members, {size.Topics} topics, {size.Posts:N0} posts…"));
        var seeder = ActivatorUtilities.CreateInstance<DemoSeeder>(services);
        var summary = await seeder.RunAsync(size, output, ct);
        await output.WriteLineAsync(string.Create(
            CultureInfo.InvariantCulture,
            $"Seeded {summary.Categories} categories, {summary.Members} members, {summary.Topics} topics, {summary.Posts:N0} posts and {summary.Reactions:N0} reactions in {summary.Took.TotalSeconds:F1} s."));
        await output.WriteLineAsync($"Sign in as {DemoCommunity.AdminUserName} (admin) or any demo member with the password \"{DemoCommunity.Password}\".");
        return 0;
    }

    private static SeedSize? Size(string[] args)
    {
        var size = new SeedSize(Number(args, "--members", 60), Number(args, "--topics", 200), Number(args, "--posts", 5000));
        return size is { Members: >= 3, Topics: >= 1 } && size.Posts >= size.Topics ? size : null;
    }

    /// <summary>The number after <paramref name="name"/>; -1 (refused above) when it is there but not a number.</summary>
    private static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i < 0 ? fallback : i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var n) ? n : -1;
    }

    private static async Task<long> ContentCountAsync(SqlEventStore store, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT (SELECT count(*) FROM categories) + (SELECT count(*) FROM topics)",
            r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture),
            ct)).Single();
}
