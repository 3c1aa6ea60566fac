using System.Net;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Analytics;

/// <summary>The KPIs of <see cref="AnalyticsFixture"/>'s week (2026-03-02 to 03-08), each worked out by hand in the comments.</summary>
public abstract class KpiTests : ForumTest
{
    private const string Week = "from=2026-03-02&to=2026-03-08";

    protected KpiTests(StorageEngine engine)
        : base(engine) => Forum.WithBootstrapAdmin();

    [Fact]
    public async Task CountsTheWeekAsWorkedOutByHand()
    {
        var (client, admin) = await FixtureAsync();
        var k = await (await client.SendAsync(HttpMethod.Get, $"/api/analytics/kpis?{Week}", admin)).JsonAsync();

        Assert.Equal(6, k.GetProperty("members").GetInt64());       // sam, dan, carl, amy, ana, bob (the admin joined later)
        Assert.Equal(2, k.GetProperty("newMembers").GetInt64());    // ana, bob
        // Active member-days: 2nd ana carl sam, 3rd ana bob sam, 4th carl, 5th amy, 6th ana = 9 over 7 days.
        Assert.Equal(1.29, k.GetProperty("dau").GetDouble());
        Assert.Equal(5, k.GetProperty("wau").GetInt64());           // all but dan
        Assert.Equal(6, k.GetProperty("mau").GetInt64());           // dan visited on Feb 25
        Assert.Equal(0.215, k.GetProperty("dauMauRatio").GetDouble()); // 1.29 / 6
        Assert.Equal(4, k.GetProperty("topics").GetInt64());
        Assert.Equal(10, k.GetProperty("posts").GetInt64());        // 4 openings + 6 replies (the held one never published)
        Assert.Equal(6, k.GetProperty("replies").GetInt64());
        Assert.Equal(1, k.GetProperty("reactions").GetInt64());

        // First responses: T1 2 h (carl), T2 0.5 h (sam), T3 36 h (amy); T4 none.
        var first = k.GetProperty("timeToFirstResponse");
        Assert.Equal((12.83, 2.0, 36.0, 3), (first.GetProperty("mean").GetDouble(), first.GetProperty("median").GetDouble(), first.GetProperty("p90").GetDouble(), first.GetProperty("answered").GetInt32()));
        // Members only (no staff, no ambassador): T1 2 h (carl), T2 24 h (carl).
        var members = first.GetProperty("withoutStaff");
        Assert.Equal((13.0, 13.0, 24.0, 2), (members.GetProperty("mean").GetDouble(), members.GetProperty("median").GetDouble(), members.GetProperty("p90").GetDouble(), members.GetProperty("count").GetInt32()));
        Assert.Equal(0.5, k.GetProperty("responseRate").GetDouble()); // T1 and T2 within 24 h, of 4
        Assert.Equal(0.25, k.GetProperty("solvedRate").GetDouble()); // T1 (T2's solution was unmarked), of 4
        Assert.Equal(1, k.GetProperty("unansweredTopics").GetInt64());
        Assert.Equal(1.5, k.GetProperty("engagement").GetProperty("repliesPerTopic").GetDouble());   // 6 / 4
        Assert.Equal(0.25, k.GetProperty("engagement").GetProperty("reactionsPerTopic").GetDouble()); // 1 / 4
        Assert.Equal(
            ["ana:3", "carl:3", "sam:2", "amy:1", "bob:1"],
            k.GetProperty("topContributors").EnumerateArray().Select(c => $"{c.GetProperty("userName").GetString()}:{c.GetProperty("posts").GetInt64()}"));
        var moderation = k.GetProperty("moderation");
        Assert.Equal((1L, 1L, 2L, 2.0), (moderation.GetProperty("held").GetInt64(), moderation.GetProperty("flagged").GetInt64(), moderation.GetProperty("decisions").GetInt64(), moderation.GetProperty("timeToDecision").GetDouble())); // 3 h and 1 h
        Assert.Equal(0, k.GetProperty("referralFunnel").GetProperty("registered").GetInt32());
    }

    [Fact]
    public async Task FiltersByCategoryAndTheResponseTargetIsPerCategory()
    {
        Forum.Settings["Forum:Analytics:ResponseTargets:other"] = "48";
        var (client, admin) = await FixtureAsync();
        var news = await (await client.SendAsync(HttpMethod.Get, $"/api/analytics/kpis?{Week}&category=news", admin)).JsonAsync();
        Assert.Equal((3L, 8L, 1L), (news.GetProperty("topics").GetInt64(), news.GetProperty("posts").GetInt64(), news.GetProperty("unansweredTopics").GetInt64()));
        Assert.Equal(1.25, news.GetProperty("timeToFirstResponse").GetProperty("median").GetDouble()); // 0.5 and 2
        Assert.Equal(0.6667, news.GetProperty("responseRate").GetDouble());

        var all = await (await client.SendAsync(HttpMethod.Get, $"/api/analytics/kpis?{Week}", admin)).JsonAsync();
        Assert.Equal(0.75, all.GetProperty("responseRate").GetDouble()); // T3's 36 h is within "other"'s 48 h
    }

    [Fact]
    public async Task SeriesAndCsvDownloadsSayTheSame()
    {
        var (client, admin) = await FixtureAsync();
        var series = await (await client.SendAsync(HttpMethod.Get, $"/api/analytics/posts?{Week}&interval=day", admin)).JsonAsync();
        Assert.Equal([4.0, 2, 2, 1, 1, 0, 0], series.GetProperty("points").EnumerateArray().Select(p => p.GetProperty("value").GetDouble()));

        var csv = await client.SendAsync(HttpMethod.Get, $"/api/analytics/posts.csv?{Week}", admin);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        Assert.Equal("posts-2026-03-02-2026-03-08.csv", csv.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal(
            "date,posts\r\n2026-03-02,4\r\n2026-03-03,2\r\n2026-03-04,2\r\n2026-03-05,1\r\n2026-03-06,1\r\n2026-03-07,0\r\n2026-03-08,0\r\n",
            await csv.Content.ReadAsStringAsync());

        var weekly = await (await client.SendAsync(HttpMethod.Get, "/api/analytics/active-members?from=2026-03-02&to=2026-03-15&interval=week", admin)).JsonAsync();
        Assert.Equal(["2026-03-02:1.29", "2026-03-09:0"], weekly.GetProperty("points").EnumerateArray().Select(p => $"{p.GetProperty("date").GetString()}:{(p.GetProperty("value").ValueKind == JsonValueKind.Null ? "" : p.GetProperty("value").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture))}"));

        var kpis = await (await client.SendAsync(HttpMethod.Get, $"/api/analytics/kpis.csv?{Week}", admin)).Content.ReadAsStringAsync();
        Assert.StartsWith("metric,value\r\nfrom,2026-03-02\r\nto,2026-03-08\r\ncategory,\r\nmembers,6\r\n", kpis, StringComparison.Ordinal);
        Assert.Contains("\r\ntimeToFirstResponse.p90,36\r\n", kpis, StringComparison.Ordinal);
        Assert.Contains("\r\nsolvedRate,0.25\r\n", kpis, StringComparison.Ordinal);
        Assert.Contains("\r\ntopContributors.1,ana (3)\r\n", kpis, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDashboardShowsEachFigureWithItsFormulaAndAChartPerSeries()
    {
        var (client, admin) = await FixtureAsync();
        var page = await (await client.SendAsync(HttpMethod.Get, $"/moderation/analytics?{Week}&category=news", admin)).Content.ReadAsStringAsync();
        Assert.Equal(AnalyticsModelCharts, page.Split("<svg").Length - 1);
        Assert.Contains("DAU/MAU = average daily active members ÷ members active in the last 30 days.", page, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/analytics/posts.csv?from=2026-03-02&amp;to=2026-03-08&amp;category=news&amp;interval=day\"", page, StringComparison.Ordinal);

        var bad = await client.SendAsync(HttpMethod.Get, "/moderation/analytics?from=2026-03-09&to=2026-03-08", admin);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("The period starts after it ends.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static int AnalyticsModelCharts => BrandForum.Server.Pages.Moderation.AnalyticsModel.Charts.Count;

    [Fact]
    public async Task RebuildingGivesTheSameKpis()
    {
        var (client, admin) = await FixtureAsync();
        var before = (await client.SendAsync(HttpMethod.Get, $"/api/analytics/kpis?{Week}", admin)).Content.ReadAsStringAsync();
        var runner = new BrandForum.EventStore.Projections.ProjectionRunner(Forum.Store, new AnalyticsProjection());
        await runner.RebuildAsync();
        var after = await (await client.SendAsync(HttpMethod.Get, $"/api/analytics/kpis?{Week}", admin)).Content.ReadAsStringAsync();
        Assert.Equal(await before, after);
    }

    [Fact]
    public async Task RefusesBadQuestionsWithProblemDetails()
    {
        var (client, admin) = await FixtureAsync();
        var fan = await client.SignUpAndInAsync("fan");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(HttpMethod.Get, "/api/analytics/kpis", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(HttpMethod.Get, "/api/analytics/kpis", fan)).StatusCode);
        await AssertProblemAsync(client, admin, "/api/analytics/kpis?from=2026-03-09&to=2026-03-08", HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(client, admin, "/api/analytics/kpis?from=2023-01-01&to=2026-03-08", HttpStatusCode.BadRequest, "to");
        await AssertProblemAsync(client, admin, "/api/analytics/kpis?from=March", HttpStatusCode.BadRequest, "from");
        await AssertProblemAsync(client, admin, "/api/analytics/posts?interval=hour", HttpStatusCode.BadRequest, "interval");
        await AssertProblemAsync(client, admin, "/api/analytics/kpis?category=nowhere", HttpStatusCode.NotFound, null, "category-not-found");
        await AssertProblemAsync(client, admin, "/api/analytics/happiness", HttpStatusCode.NotFound, null, "metric-not-found");
        await AssertProblemAsync(client, admin, "/api/analytics/happiness.csv", HttpStatusCode.NotFound, null, "metric-not-found");
    }

    private static async Task AssertProblemAsync(HttpClient client, Tokens admin, string url, HttpStatusCode status, string? field, string? code = null)
    {
        var response = await client.SendAsync(HttpMethod.Get, url, admin);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.JsonAsync();
        if (field is not null)
        {
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{url}: {problem}");
        }

        if (code is not null)
        {
            Assert.Equal(code, problem.GetProperty("code").GetString());
        }
    }

    private async Task<(HttpClient Client, Tokens Admin)> FixtureAsync()
    {
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        foreach (var slug in new[] { "news", "other" })
        {
            Assert.Equal(HttpStatusCode.Created, (await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug, name = slug })).StatusCode);
        }

        await new AnalyticsFixture(Forum.Store).WriteAsync();
        await Forum.CaughtUpAsync(AnalyticsProjection.ProjectionName);
        return (client, admin);
    }
}

public sealed class SqliteKpiTests() : KpiTests(StorageEngine.Sqlite);

public sealed class PostgresKpiTests() : KpiTests(StorageEngine.Postgres);
