using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using BrandForum.Server.Members.Email;
using BrandForum.Server.Tests.Infrastructure;
using BrandForum.Server.Tests.Referrals;

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

        // In French when asked, or when the caller chose French; another language is refused with a problem.
        var french = WebUtility.HtmlDecode(await (await client.SendAsync(HttpMethod.Get, "/api/analytics/report?week=2026-03-04&language=fr", admin)).Content.ReadAsStringAsync());
        Assert.Contains("<html lang=\"fr\">", french, StringComparison.Ordinal);
        Assert.Contains("Rapport de la communauté\u00a0: du 2026-03-02 au 2026-03-08", french, StringComparison.Ordinal);
        Assert.Contains($"<li>Topic {fixture.T1:N} — 3 réponses, 1 réactions</li>", french, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Patch, "/api/me", admin, new { language = "fr" })).StatusCode);
        Assert.Contains("Faits marquants", await (await client.SendAsync(HttpMethod.Get, "/api/analytics/report?week=2026-03-04", admin)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var german = await client.SendAsync(HttpMethod.Get, "/api/analytics/report?language=de", admin);
        Assert.Equal(HttpStatusCode.BadRequest, german.StatusCode);
        Assert.Equal("application/problem+json", german.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TwoNodesSendTheWeeklyReportOnceToEachCmInTheirLanguage()
    {
        // A first node that does not send sets up a French-speaking moderator beside the English-speaking admin,
        // before the two sending nodes start (they look every half second).
        Forum.WithBootstrapAdmin();
        Forum.Settings["Forum:Analytics:WeeklyReport"] = "false";
        var client = Forum.CreateClient();
        var admin = await client.SignInAsync("root", ForumFactory.AdminPassword);
        var claire = await client.SignUpAndInAsync("claire");
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Patch, "/api/me", claire, new { language = "fr" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await client.SendAsync(HttpMethod.Put, $"/api/members/{await client.IdAsync(claire)}/roles/Moderator", admin)).StatusCode);

        using var first = Node();
        using var second = Node();
        ForumFactory Node()
        {
            var node = new ForumFactory(Forum.Engine, Forum.ConnectionString);
            foreach (var (key, value) in Forum.Settings.Concat(new Dictionary<string, string>
            {
                ["Forum:Analytics:WeeklyReport"] = "true", ["Forum:Email:DevMailbox"] = "true", ["Forum:Analytics:ReportCheckSeconds"] = "0.5",
                ["Forum:Analytics:ReportDay"] = "Monday", ["Forum:Analytics:ReportHour"] = "0",
            }))
            {
                node.Settings[key] = value;
            }

            return node;
        }

        var mailboxes = new[] { first.Services.GetRequiredService<DevMailbox>(), second.Services.GetRequiredService<DevMailbox>() };
        IEnumerable<EmailMessage> Reports() => mailboxes.SelectMany(m => m.Messages).Where(m => m.Subject.StartsWith("Community report", StringComparison.Ordinal) || m.Subject.StartsWith("Rapport", StringComparison.Ordinal));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (Reports().Count() < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        await Task.Delay(2000); // several more rounds on both nodes
        var monday = WeeklyReport.Monday(DateOnly.FromDateTime(DateTime.UtcNow)).AddDays(-7);
        var reports = Reports().OrderBy(r => r.To, StringComparer.Ordinal).ToList();
        Assert.Equal(2, reports.Count);
        var (french, report) = (reports[0], reports[1]);
        Assert.Equal(("root@example.com", true), (report.To, report.Html));
        Assert.Contains("<svg", report.Body, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"en\">", report.Body, StringComparison.Ordinal);
        Assert.Equal(("claire@example.com", $"Rapport de la communauté, semaine du {monday:yyyy-MM-dd}"), (french.To, french.Subject));
        Assert.Contains("<html lang=\"fr\">", french.Body, StringComparison.Ordinal);
        Assert.Contains("<h2>Faits marquants</h2>", french.Body, StringComparison.Ordinal);
        Assert.Single(await Forum.Store.ReadStreamAsync(WeeklyReportSender.StreamId(monday)));
    }
}

public sealed class SqliteWeeklyReportTests() : WeeklyReportTests(StorageEngine.Sqlite);

public sealed class PostgresWeeklyReportTests() : WeeklyReportTests(StorageEngine.Postgres);
