using System.Globalization;
using BrandForum.Domain.Editorial;
using BrandForum.EventStore;
using BrandForum.Server.Editorial;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Editorial;

/// <summary>Publishing across restarts: the schedule lives in the log, so a new node carries on where the last one stopped.</summary>
public abstract class EditorialRestartTests(StorageEngine engine)
{
    [Fact]
    public async Task ARestartedNodePublishesNothingTwiceAndStartsTheTopicACrashLeftOut()
    {
        using var database = new ForumFactory(engine);
        var clock = new ShiftedClock();
        string published, crashed;
        using (var first = Node(database, clock, publisher: false))
        {
            var desk = await EditorialDesk.OpenAsync(first.CreateClient());
            published = await desk.ScheduleAsync("Published before the restart", clock.GetUtcNow().AddMinutes(10));
            clock.Advance(TimeSpan.FromMinutes(11));
            Assert.Equal(1, await first.Services.GetRequiredService<EditorialPublisher>().PublishDueAsync(CancellationToken.None));

            // A node dies after recording a publication and before starting its topic.
            crashed = await desk.ScheduleAsync("Crashed before its topic", clock.GetUtcNow().AddMinutes(1));
            clock.Advance(TimeSpan.FromMinutes(2));
            var item = await desk.ItemAsync(crashed);
            var at = item.GetProperty("publishAt").GetDateTimeOffset();
            var author = item.GetProperty("ownerId").GetGuid();
            var decided = await first.Store.DecideAsync(
                EditorialSetup.StreamId(Guid.Parse(crashed)), EditorialItem.Decider,
                new PublishOccurrence(1, at, EditorialPublisher.TopicIdOf(Guid.Parse(crashed), 1), author, null, author, clock.GetUtcNow()));
            Assert.Single(decided.Decision.Events);
            Assert.Equal(0, await TopicsTitledAsync(first, "Crashed before its topic"));
        }

        using var second = Node(database, clock, publisher: true);
        for (var attempt = 0; await TopicsTitledAsync(second, "Crashed before its topic") == 0; attempt++)
        {
            Assert.True(attempt < 100, "The new node never started the missing topic.");
            await Task.Delay(100);
        }

        await Task.Delay(500);
        Assert.Equal(1, await TopicsTitledAsync(second, "Crashed before its topic"));
        Assert.Equal(1, await TopicsTitledAsync(second, "Published before the restart"));
        var publications = await second.Store.QueryAsync("SELECT count(*) FROM editorial_publications", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), CancellationToken.None);
        Assert.Equal(2, publications[0]);
    }

    private static ForumFactory Node(ForumFactory database, ShiftedClock clock, bool publisher)
    {
        var node = new ForumFactory(database.Engine, database.ConnectionString) { TestServices = services => services.AddSingleton<TimeProvider>(clock) };
        node.WithBootstrapAdmin();
        foreach (var (key, value) in EditorialDesk.Settings)
        {
            node.Settings[key] = value;
        }

        node.Settings["Forum:Editorial:Publisher"] = publisher ? "true" : "false";
        return node;
    }

    internal static async Task<int> TopicsTitledAsync(ForumFactory node, string title) =>
        (await node.Store.QueryAsync("SELECT count(*) FROM topics WHERE title = @t", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), CancellationToken.None, ("t", title)))[0];
}

public sealed class SqliteEditorialRestartTests() : EditorialRestartTests(StorageEngine.Sqlite);

public sealed class PostgresEditorialRestartTests() : EditorialRestartTests(StorageEngine.Postgres);

/// <summary>Two server processes on one PostgreSQL, both running the publisher; one of them dies midway.</summary>
public sealed class EditorialNodesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [Fact]
    public async Task TwoServerProcessesPublishEachOccurrenceExactlyOnceEvenWhenOneDies()
    {
        using var database = new ForumFactory(StorageEngine.Postgres);
        var environment = database.NodeEnvironment();
        environment["Forum__Editorial__PollMilliseconds"] = "50";
        environment["Forum__Editorial__LeaseSeconds"] = "1";
        using var nodeA = await ServerProcess.StartAsync(environment);
        using var nodeB = await ServerProcess.StartAsync(environment);
        var desk = await EditorialDesk.OpenAsync(nodeA.CreateClient());
        var start = DateTimeOffset.UtcNow.AddSeconds(3);
        var items = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            items.Add(await desk.ScheduleAsync($"Occurrence race {i}", start.AddMilliseconds(600 * i)));
        }

        await desk.WaitForPublicationsAsync(items[0], 1);
        nodeA.Kill(); // whichever held the lease, the rest is published: by B at once, or by B once A's lease expires

        var onB = desk with { Client = nodeB.CreateClient() };
        foreach (var item in items)
        {
            await onB.WaitForPublicationsAsync(item, 1);
        }

        await Task.Delay(1500);
        for (var i = 0; i < items.Count; i++)
        {
            Assert.Equal(1, await EditorialRestartTests.TopicsTitledAsync(database, $"Occurrence race {i}"));
            var publication = Assert.Single((await onB.ItemAsync(items[i])).GetProperty("publications").EnumerateArray());
            var lag = publication.GetProperty("publishedAt").GetDateTimeOffset() - publication.GetProperty("scheduledFor").GetDateTimeOffset();
            output.WriteLine($"item {i}: published {lag.TotalMilliseconds:F0} ms after its time");
        }
    }
}
