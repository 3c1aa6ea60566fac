namespace BrandForum.EventStore.Projections;

/// <summary>
/// What an async projection knows after a batch (counts, awards, …), carried to its next batch so that batch need not
/// read it again: a rebuild's batches touch the same members over and over, and reading their rows back each batch
/// cost as much as writing them. The state is only reused by the batch that starts exactly where the one that kept it
/// ended, which is the case only if that batch committed and nobody (another node, a rebuild's reset) moved the
/// checkpoint since; otherwise <see cref="Take"/> hands out a fresh one and the projection reads what it needs.
/// One flow at a time holds it: a second, concurrent batch (a rebuild while the runner works) gets a fresh one.
/// </summary>
public sealed class CarriedState<T>(Func<T> fresh) where T : class
{
    private sealed record Kept(T State, long UpTo);

    private Kept? _kept;

    public T Take(ProjectionContext context) =>
        Interlocked.Exchange(ref _kept, null) is { } kept && context.Range is { } range && kept.UpTo == range.From ? kept.State : fresh();

    /// <summary>Keeps <paramref name="state"/> for the batch after this one (async batches only); call after applying all of it.</summary>
    public void Keep(ProjectionContext context, T state)
    {
        if (context.Range is { } range)
        {
            _kept = new Kept(state, range.To);
        }
    }

    public void Forget() => _kept = null;
}
