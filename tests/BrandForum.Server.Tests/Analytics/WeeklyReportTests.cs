using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using BrandForum.Server.Members.Email;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Analytics;

public abstract class WeeklyReportTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task TheReportIsOneSelfContainedPageWithChartsAndHighlights()
    {
        Forum.WithBootstrapAdmin();
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        foreach (var slug in new[] { "news", "other" })
        {
            await client.SendAsync(HttpMethod.Post, "/api/categories", admin, new { slug, name = slug });
        }

        var fixture = new AnalyticsFixture(Forum.Store);
        await fixture.WriteAsync();
        await Forum.CaughtUpAsync(AnalyticsProjection.ProjectionName);

        var response = await client.SendAsync(HttpMethod.Get, "/api/analytics/report?week=2026-03-04", admin);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("Community report: 2026-03-02 to 2026-03-08", html, StringComparison.Ordinal);
        Assert.Equal(3, html.Split("<svg").Length - 1);
        Assert.Contains($"<li>Topic {fixture.T1:N} — 3 replies, 1 reactions</li>", html, StringComparison.Ordinal); // the busiest topic first
        Assert.Contains("<li>ana — 3 posts</li>", html, StringComparison.Ordinal);
        Assert.Contains("DAU/MAU", KpiFormulas.All["dau-mau"], StringComparison.Ordinal);
        foreach (var external in new[] { "<script", "<link", "src=", "href=", "url(" })
        {
            Assert.DoesNotContain(external, html, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(HttpMethod.Get, "/api/analytics/report?week=soon", admin)).StatusCode);
    }

    [Fact]
    public async Task TwoNodesSendTheWeeklyReportOnceToEachCm()
    {
        Forum.WithBootstrapAdmin();
        foreach (var (key, value) in new Dictionary<string, string>
        {
            ["Forum:Email:DevMailbox"] = "true", ["Forum:Analytics:ReportCheckSeconds"] = "0.5",
            ["Forum:Analytics:ReportDay"] = "Monday", ["Forum:Analytics:ReportHour"] = "0",
        })
        {
            Forum.Settings[key] = value;
        }

        using var second = new ForumFactory(Forum.Engine, Forum.ConnectionString);
        foreach (var (key, value) in Forum.Settings)
        {
            second.Settings[key] = value;
        }

        var mailboxes = new[] { Forum.Services.GetRequiredService<DevMailbox>(), second.Services.GetRequiredService<DevMailbox>() };
        IEnumerable<EmailMessage> Reports() => mailboxes.SelectMany(m => m.Messages).Where(m => m.Subject.StartsWith("Community report", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!Reports().Any() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(2000); // several more rounds on both nodes
        var report = Assert.Single(Reports());
        Assert.Equal(("root@example.com", true), (report.To, report.Html));
        Assert.Contains("<svg", report.Body, StringComparison.Ordinal);
        var monday = WeeklyReport.Monday(DateOnly.FromDateTime(DateTime.UtcNow)).AddDays(-7);
        Assert.Single(await Forum.Store.ReadStreamAsync(WeeklyReportSender.StreamId(monday)));
    }
}

public sealed class SqliteWeeklyReportTests() : WeeklyReportTests(StorageEngine.Sqlite);

public sealed class PostgresWeeklyReportTests() : WeeklyReportTests(StorageEngine.Postgres);
