using BrandForum.Domain.Categories;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Storage;

public abstract class DecideTests(StorageEngine engine) : ForumTest(engine)
{
    private static readonly DateTimeOffset At = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    [Fact]
    public async Task AppendsWhatTheDeciderDecidesAndReportsRefusalsWithoutAppending()
    {
        var store = Forum.Store;
        var stream = CategoriesSetup.StreamId("news");

        var created = await store.DecideAsync(stream, Category.Decider, new CreateCategory(Guid.CreateVersion7(), "news", "News", "", "#000000", [], At));
        var again = await store.DecideAsync(stream, Category.Decider, new CreateCategory(Guid.CreateVersion7(), "news", "News", "", "#000000", [], At));
        var unchanged = await store.DecideAsync(stream, Category.Decider, new EditCategory("News", "", "#000000", [], At));

        Assert.Equal(1, created.Version);
        Assert.Equal("category-exists", again.Decision.Error?.Code);
        Assert.Empty(unchanged.Decision.Events);
        Assert.Single(await store.ReadStreamAsync(stream));
    }

    [Fact]
    public async Task ConcurrentCommandsOnOneStreamRetryAndLoseNothing()
    {
        var store = Forum.Store;
        var stream = CategoriesSetup.StreamId("hot");
        await store.DecideAsync(stream, Category.Decider, new CreateCategory(Guid.CreateVersion7(), "hot", "Hot", "", "#000000", [], At));

        var edits = await Task.WhenAll(Enumerable.Range(1, 12).Select(i => Task.Run(() =>
            store.DecideAsync(stream, Category.Decider, new EditCategory($"Hot {i}", "", "#000000", [], At), maxAttempts: 50))));

        Assert.All(edits, e => Assert.Null(e.Decision.Error));
        var history = await store.ReadStreamAsync(stream);
        Assert.Equal(Enumerable.Range(1, 13).Select(i => (long)i), history.Select(e => e.Version));
        Assert.Equal(
            Enumerable.Range(1, 12).Select(i => $"Hot {i}").Order(StringComparer.Ordinal),
            history.Skip(1).Select(e => ((CategoryEdited)e.Data).Name).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task DecidesSeveralCommandsTogetherEachOnTheStateTheOnesBeforeLeaveInOneAppend()
    {
        var store = Forum.Store;
        var stream = CategoriesSetup.StreamId("together");
        await store.DecideAsync(stream, Category.Decider, new CreateCategory(Guid.CreateVersion7(), "together", "Together", "", "#000000", [], At));
        var head = (await store.ReadHeadAsync()).Position;

        var decided = await store.DecideAllAsync(stream, Category.Decider, [
            (new EditCategory("First", "", "#000000", [], At), new EventMetadata(Actor: "member-1")),
            (new CreateCategory(Guid.CreateVersion7(), "together", "Again", "", "#000000", [], At), new EventMetadata(Actor: "member-2")),
            (new ArchiveCategory(At), new EventMetadata(Actor: "member-3")),
            (new EditCategory("Too late", "", "#000000", [], At), new EventMetadata(Actor: "member-4")),
        ]);

        Assert.Equal([2L, 2L, 3L, 3L], decided.Select(d => d.Version));
        Assert.Equal([null, "category-exists", null, "category-archived"], decided.Select(d => d.Decision.Error?.Code));
        var appended = await store.ReadStreamAsync(stream, afterVersion: 1);
        Assert.Equal(["member-1", "member-3"], appended.Select(e => e.Metadata.Actor));
        Assert.Equal([head + 1, head + 2], appended.Select(e => e.Position)); // one append: nothing between them
    }

    [Fact]
    public async Task AStateKeptInMemoryCatchesUpWithWhatAnotherNodeAppended()
    {
        var nodeA = Forum.Store;
        using var otherNode = new ForumFactory(Forum.Engine, Forum.ConnectionString);
        var nodeB = otherNode.Store;
        var stream = CategoriesSetup.StreamId("shared");
        await nodeA.DecideAsync(stream, Category.Decider, new CreateCategory(Guid.CreateVersion7(), "shared", "Shared", "", "#000000", [], At));

        await nodeB.DecideAsync(stream, Category.Decider, new ArchiveCategory(At));
        var onA = await nodeA.DecideAsync(stream, Category.Decider, new EditCategory("Renamed", "", "#000000", [], At));

        Assert.Equal("category-archived", onA.Decision.Error?.Code);
        Assert.Equal(2, onA.Version);
    }
}

public sealed class SqliteDecideTests() : DecideTests(StorageEngine.Sqlite);

public sealed class PostgresDecideTests() : DecideTests(StorageEngine.Postgres);
