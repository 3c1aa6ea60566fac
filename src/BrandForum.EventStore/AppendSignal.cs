namespace BrandForum.EventStore;

/// <summary>
/// A broadcast wake-up: every waiter that took <see cref="Next"/> before a <see cref="Pulse"/> wakes.
/// Readers take <see cref="Next"/> *before* they read, so an append that lands between their read and
/// their wait still wakes them. It is only a hint; readers always re-read the log.
/// </summary>
public sealed class AppendSignal
{
    private TaskCompletionSource _next = NewSource();

    public Task Next => Volatile.Read(ref _next).Task;

    public void Pulse() => Interlocked.Exchange(ref _next, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
