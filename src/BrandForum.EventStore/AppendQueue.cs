using System.Threading.Channels;

namespace BrandForum.EventStore;

/// <summary>
/// The queue behind a store's group commit: appends wait here, and <c>writers</c> loops, started by the first
/// append, each take whatever is waiting (up to <c>maxGroup</c>) and hand it to <c>commitGroup</c> as one group.
/// <c>commitGroup</c> answers the appends of its group; if it throws, the failure goes to each of them that is not
/// answered yet, and the loop carries on.
/// </summary>
internal sealed class AppendQueue<T>(int writers, int maxGroup, Func<List<T>, Task> commitGroup)
    where T : IQueuedAppend
{
    private readonly Channel<T> _waiting = Channel.CreateUnbounded<T>(new UnboundedChannelOptions { SingleReader = writers == 1 });
    private readonly Lock _start = new();
    private Task? _loops;

    public ValueTask EnqueueAsync(T append, CancellationToken ct)
    {
        if (_loops is null)
        {
            lock (_start)
            {
                _loops ??= Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(LoopAsync)));
            }
        }

        return _waiting.Writer.WriteAsync(append, ct);
    }

    /// <summary>Lets the loops commit what is queued, then stops them.</summary>
    public async Task StopAsync()
    {
        _waiting.Writer.TryComplete();
        if (_loops is not null)
        {
            await _loops;
        }
    }

    private async Task LoopAsync()
    {
        var group = new List<T>(maxGroup);
        while (await _waiting.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < maxGroup && _waiting.Reader.TryRead(out var next))
            {
                group.Add(next);
            }

            try
            {
                await commitGroup(group);
            }
#pragma warning disable CA1031 // The writers must outlive any failure; the failure goes to each caller of the group.
            catch (Exception e)
#pragma warning restore CA1031
            {
                foreach (var append in group)
                {
                    append.Outcome.TrySetException(e);
                }
            }
        }
    }
}

/// <summary>An append waiting in an <see cref="AppendQueue{T}"/>, and how its caller learns the outcome.</summary>
internal interface IQueuedAppend
{
    TaskCompletionSource<AppendResult> Outcome { get; }
}
