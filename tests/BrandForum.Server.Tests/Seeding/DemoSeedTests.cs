using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Seeding;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Seeding;

public abstract class DemoSeedTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task FillsTheForumThroughTheRealWritePaths()
    {
        var output = new StringWriter();

        var exitCode = await SeedCommand.RunAsync(Forum.Services, ["seed", "--demo", "--members", "20", "--topics", "20", "--posts", "300"], output);

        Assert.True(exitCode == 0, output.ToString());
        Assert.Contains("Seeded 8 categories, 20 members, 20 topics, 300 posts", output.ToString(), StringComparison.Ordinal);
        var client = Forum.CreateClient();
        var categories = (await GetAsync(client, "/api/categories")).EnumerateArray().ToList();
        Assert.Equal(8, categories.Count);
        Assert.Equal(20, categories.Sum(c => c.GetProperty("topicCount").GetInt64()));
        Assert.Equal(300, categories.Sum(c => c.GetProperty("postCount").GetInt64()));
        Assert.Contains(categories, c => c.GetProperty("name").GetString() == "Le coin des fans");

        var topics = new List<JsonElement>();
        foreach (var category in categories.Where(c => c.GetProperty("topicCount").GetInt64() > 0))
        {
            topics.AddRange((await GetAsync(client, $"/api/categories/{category.GetProperty("slug").GetString()}/topics")).GetProperty("items").EnumerateArray());
        }

        Assert.Contains(topics, t => t.GetProperty("pinned").GetBoolean());
        var hottest = topics.MaxBy(t => t.GetProperty("replyCount").GetInt32());
        var numbers = new List<int>();
        var reactions = 0;
        for (var page = 1; numbers.Count <= hottest.GetProperty("replyCount").GetInt32(); page++)
        {
            var posts = (await GetAsync(client, $"/api/topics/{hottest.GetProperty("topicId").GetString()}?page={page}")).GetProperty("posts").EnumerateArray().ToList();
            Assert.NotEmpty(posts);
            numbers.AddRange(posts.Select(p => p.GetProperty("number").GetInt32()));
            reactions += posts.Sum(p => p.GetProperty("reactions").EnumerateObject().Sum(r => r.Value.GetInt32()));
        }

        Assert.True(numbers.Count > 40, $"The hottest topic has {numbers.Count} posts: several pages of 20 expected.");
        Assert.Equal(Enumerable.Range(1, numbers.Count), numbers);
        Assert.True(reactions > 0);

        // The welcome topic says "présentez-vous": found without the accent, through the search index.
        var hits = await GetAsync(client, "/api/search?q=presentez");
        Assert.True(hits.GetProperty("total").GetInt64() >= 1);
        Assert.Contains("présentez", hits.GetProperty("items")[0].GetProperty("title").GetString(), StringComparison.Ordinal);

        var admin = await client.SignInAsync(DemoCommunity.AdminUserName, DemoCommunity.Password);
        Assert.Contains("Admin", await client.RolesAsync(admin));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri($"/api/members/{DemoCommunity.Moderators[0]}", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task RefusesANonEmptyForumFromTheCommandLineUnlessForced()
    {
        string[] small = ["seed", "--demo", "--members", "5", "--topics", "3", "--posts", "10"];
        var first = await ServerProcess.RunAsync(Forum.Environment, small);

        var second = await ServerProcess.RunAsync(Forum.Environment, small);
        var forced = await ServerProcess.RunAsync(Forum.Environment, [.. small, "--force"]);

        Assert.True(first.ExitCode == 0, first.Output + first.Error);
        Assert.Equal(2, second.ExitCode);
        Assert.Contains("This forum is not empty", second.Output, StringComparison.Ordinal);
        Assert.True(forced.ExitCode == 0, forced.Output + forced.Error);
        var categories = (await GetAsync(Forum.CreateClient(), "/api/categories")).EnumerateArray().ToList();
        Assert.Equal(6, categories.Sum(c => c.GetProperty("topicCount").GetInt64()));
        Assert.Equal(20, categories.Sum(c => c.GetProperty("postCount").GetInt64()));
    }

    private static async Task<JsonElement> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return await response.JsonAsync();
    }
}

public sealed class SqliteDemoSeedTests() : DemoSeedTests(StorageEngine.Sqlite);

public sealed class PostgresDemoSeedTests() : DemoSeedTests(StorageEngine.Postgres);
