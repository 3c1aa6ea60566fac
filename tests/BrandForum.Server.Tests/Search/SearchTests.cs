using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Search;

public abstract class SearchTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task FindsPostsIgnoringAccentsAndCaseRankedWithTheTitle()
    {
        var (client, member) = await ForumAsync();
        var summer = await StartAsync(client, member, "Les soirées d'été", "On se retrouve au café cet été ?");
        await StartAsync(client, member, "Winter sale", "Big discounts on coats");
        await client.SendAsync(HttpMethod.Post, $"/api/topics/{summer}/posts", member, new { body = "Oui, pour l'ÉTÉ prochain !" });

        var hits = await (await client.GetAsync(new Uri("/api/search?q=ete", UriKind.Relative))).JsonAsync();
        var cafe = await (await client.GetAsync(new Uri("/api/search?q=CAFE", UriKind.Relative))).JsonAsync();
        var none = await (await client.GetAsync(new Uri("/api/search?q=printemps", UriKind.Relative))).JsonAsync();

        Assert.Equal(2, hits.GetProperty("total").GetInt64());
        Assert.All(hits.GetProperty("items").EnumerateArray(), h => Assert.Equal(summer, h.GetProperty("topicId").GetString()));
        Assert.Equal("Les soirées d'été", hits.GetProperty("items")[0].GetProperty("title").GetString());
        Assert.Equal(1, cafe.GetProperty("total").GetInt64());
        Assert.Contains("café", cafe.GetProperty("items")[0].GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, none.GetProperty("total").GetInt64());
    }

    [Fact]
    public async Task NeverShowsADeletedPostAndSeesEdits()
    {
        var (client, member) = await ForumAsync();
        var topic = await StartAsync(client, member, "Product ideas", "A blue edition please");
        var reply = (await (await client.SendAsync(HttpMethod.Post, $"/api/topics/{topic}/posts", member, new { body = "A purple edition" })).JsonAsync()).GetProperty("postId").GetString();

        await client.SendAsync(HttpMethod.Delete, $"/api/posts/{reply}", member);
        var first = (await (await client.GetAsync(new Uri($"/api/topics/{topic}", UriKind.Relative))).JsonAsync()).GetProperty("posts")[0].GetProperty("postId").GetString();
        await client.SendAsync(HttpMethod.Put, $"/api/posts/{first}", member, new { body = "A green edition please" });

        Assert.Equal(0, (await (await client.GetAsync(new Uri("/api/search?q=purple", UriKind.Relative))).JsonAsync()).GetProperty("total").GetInt64());
        Assert.Equal(0, (await (await client.GetAsync(new Uri("/api/search?q=blue", UriKind.Relative))).JsonAsync()).GetProperty("total").GetInt64());
        Assert.Equal(1, (await (await client.GetAsync(new Uri("/api/search?q=green+edition", UriKind.Relative))).JsonAsync()).GetProperty("total").GetInt64());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%20%20")]
    public async Task RefusesAnEmptySearch(string q)
    {
        var response = await Forum.CreateClient().GetAsync(new Uri($"/api/search?q={q}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("a OR (b AND")]
    [InlineData("NEAR(x y) * ^ -")]
    [InlineData("' OR 1=1 --")]
    public async Task TreatsSearchSyntaxAsPlainWords(string q)
    {
        var (client, _) = await ForumAsync();

        var response = await client.GetAsync(new Uri($"/api/search?q={Uri.EscapeDataString(q)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task<(HttpClient Client, Tokens Member)> ForumAsync()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root@example.com", ForumFactory.AdminPassword);
        await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug = "general", name = "General" });
        return (client, await client.SignUpAndInAsync("searcher"));
    }

    private static async Task<string> StartAsync(HttpClient client, Tokens member, string title, string body) =>
        (await (await client.SendAsync(HttpMethod.Post, "/api/topics", member, new { category = "general", title, body })).JsonAsync()).GetProperty("topicId").GetString()!;
}

public sealed class SqliteSearchTests() : SearchTests(StorageEngine.Sqlite);

public sealed class PostgresSearchTests() : SearchTests(StorageEngine.Postgres);
