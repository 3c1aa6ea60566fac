using BrandForum.EventStore.Projections;
using BrandForum.Server.Projections;

namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>Waits for an async projection to reach the log's head as it is now, and fails with its last error if it does not.</summary>
public static class ProjectionWaits
{
    public static async Task CaughtUpAsync(this ForumFactory forum, string projection)
    {
        var store = forum.Store;
        var head = (await store.ReadHeadAsync()).Position;
        var runner = new ProjectionRunner(store, ProjectionsSetup.All(forum.Services)[projection]);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await runner.ReadCheckpointAsync() < head)
        {
            Assert.True(DateTime.UtcNow < deadline, $"The {projection} projection did not catch up with position {head}.");
            await Task.Delay(50);
        }
    }
}
