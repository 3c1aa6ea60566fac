using BrandForum.EventStore;

namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>A test class with its own server on its own empty database of the given engine.</summary>
public abstract class ForumTest(StorageEngine engine) : IDisposable
{
    protected ForumFactory Forum { get; } = new(engine);

    public void Dispose()
    {
        Forum.Dispose();
        GC.SuppressFinalize(this);
    }
}
