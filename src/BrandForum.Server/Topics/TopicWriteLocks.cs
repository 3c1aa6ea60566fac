namespace BrandForum.Server.Topics;

/// <summary>
/// Writes to one topic from this node take turns. Without it, concurrent replies to a hot topic all load the
/// stream, decide, and all but one lose the optimistic append and start over (the replies benchmark: 16 authors on
/// one topic managed 8 replies/s, some giving up after 50 attempts). Queued, each decides on the state it will
/// append to; writers on other nodes still meet at the expected-version check, which stays the guarantee.
/// Topics share a fixed set of locks by hash, so there is nothing to clean up; two busy topics rarely share one.
/// </summary>
public sealed class TopicWriteLocks
{
    private readonly SemaphoreSlim[] _locks = [.. Enumerable.Range(0, 256).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<T> RunAsync<T>(Guid topicId, Func<Task<T>> write, CancellationToken ct)
    {
        var gate = _locks[(topicId.GetHashCode() & int.MaxValue) % _locks.Length];
        await gate.WaitAsync(ct);
        try
        {
            return await write();
        }
        finally
        {
            gate.Release();
        }
    }
}
