using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using BrandForum.Domain;
using BrandForum.EventStore;

namespace BrandForum.Server.Storage;

/// <summary>The result of running a command against a stream: what was decided and the stream's version after it.</summary>
public sealed record Decided<TEvent>(Decision<TEvent> Decision, long Version);

public static class DecideExtensions
{
    /// <summary>Folded states per store (so two databases never share one), by stream and state type.</summary>
    private static readonly ConditionalWeakTable<IEventStore, ConcurrentDictionary<(string Stream, Type State), (long Version, object State)>> States = [];

    /// <summary>Enough for every stream busy at once (a topic's state holds its posts' Markdown); beyond it the cache starts over rather than grow.</summary>
    private const int MaxCachedStreams = 5_000;

    /// <summary>
    /// The one load → decide → append helper: brings the stream's state up to date, asks the decider, appends at
    /// the version it decided on, and on a concurrency conflict (someone appended first) does it again, a bounded
    /// number of times. The folded state is kept in memory with its version, so a decision reads only the events
    /// appended since (by any node) instead of the whole stream — and, when nothing was, nothing at all: a busy
    /// topic's thousandth reply costs what its first did.
    /// </summary>
    public static async Task<Decided<TEvent>> DecideAsync<TCommand, TEvent, TState>(
        this IEventStore store,
        string streamId,
        Decider<TCommand, TEvent, TState> decider,
        TCommand command,
        EventMetadata? metadata = null,
        int maxAttempts = 10,
        CancellationToken ct = default)
        where TEvent : notnull
        where TState : notnull =>
        (await store.DecideAllAsync(streamId, decider, [(command, metadata ?? EventMetadata.None)], maxAttempts, ct))[0];

    /// <summary>
    /// <see cref="DecideAsync"/> for several commands on one stream at once (the replies waiting for a busy topic):
    /// each is decided on the state the ones before it leave, and all their events go in one append, each event
    /// with its own command's metadata. A conflict re-decides them all; each gets its own decision, and the
    /// stream's version after its events.
    /// </summary>
    public static async Task<IReadOnlyList<Decided<TEvent>>> DecideAllAsync<TCommand, TEvent, TState>(
        this IEventStore store,
        string streamId,
        Decider<TCommand, TEvent, TState> decider,
        IReadOnlyList<(TCommand Command, EventMetadata Metadata)> commands,
        int maxAttempts = 10,
        CancellationToken ct = default)
        where TEvent : notnull
        where TState : notnull
    {
        var cache = States.GetValue(store, _ => new());
        var key = (streamId, typeof(TState));
        var known = cache.TryGetValue(key, out var cached);
        var (version, state) = known ? (cached.Version, (TState)cached.State) : (0L, decider.Initial);

        // A state kept in memory is usually current (this node's writes to a stream take turns and leave their state
        // here), so the first attempt decides on it without reading the stream — one round trip less per command.
        // That is safe because the append names the version decided on: if another node appended meanwhile, it
        // fails and the next attempt reads. A refusal or a no-op is answered without appending, so one decided on
        // a kept state is only answered after reading what may have been appended since.
        var read = !known;
        for (var attempt = 1; ; attempt++)
        {
            if (read)
            {
                foreach (var e in await store.ReadStreamAsync(streamId, version, ct))
                {
                    state = decider.Evolve(state, (TEvent)e.Data);
                    version = e.Version;
                }
            }

            var (decided, events, after) = DecideEach(decider, commands, version, state);
            if (!read && decided.Any(d => d.Decision.IsRefused || d.Decision.Events.Count == 0))
            {
                read = true;
                continue;
            }

            if (events.Count == 0)
            {
                Remember(cache, key, version, state);
                return decided;
            }

            try
            {
                var appended = await store.AppendAsync(streamId, ExpectedVersion.Exactly(version), events, ct);
                Remember(cache, key, appended.NextExpectedVersion, after);
                return decided;
            }
            catch (ConcurrencyException) when (attempt < maxAttempts)
            {
                // Lost the race (or decided on a kept state that was behind): catch up with what was appended meanwhile and decide again.
                read = true;
            }
        }
    }

    /// <summary>Decides the commands in turn, each on the state the accepted ones before it leave.</summary>
    private static (IReadOnlyList<Decided<TEvent>> Decided, IReadOnlyList<EventToAppend> Events, TState After) DecideEach<TCommand, TEvent, TState>(
        Decider<TCommand, TEvent, TState> decider, IReadOnlyList<(TCommand Command, EventMetadata Metadata)> commands, long version, TState state)
        where TEvent : notnull
    {
        var decided = new Decided<TEvent>[commands.Count];
        var events = new List<EventToAppend>();
        for (var i = 0; i < commands.Count; i++)
        {
            var decision = decider.Decide(commands[i].Command, state);
            foreach (var e in decision.Events)
            {
                events.Add(new EventToAppend(e, commands[i].Metadata));
                state = decider.Evolve(state, e);
            }

            version += decision.Events.Count;
            decided[i] = new Decided<TEvent>(decision, version);
        }

        return (decided, events, state);
    }

    private static void Remember<TState>(ConcurrentDictionary<(string, Type), (long, object)> cache, (string, Type) key, long version, TState state)
        where TState : notnull
    {
        if (cache.Count >= MaxCachedStreams)
        {
            cache.Clear();
        }

        // Never replace a newer state with an older one (two commands on one stream finishing out of order).
        cache.AddOrUpdate(key, (version, state), (_, existing) => existing.Item1 >= version ? existing : (version, state));
    }
}
