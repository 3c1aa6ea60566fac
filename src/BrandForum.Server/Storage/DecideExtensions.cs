using BrandForum.Domain;
using BrandForum.EventStore;

namespace BrandForum.Server.Storage;

/// <summary>The result of running a command against a stream: what was decided and the stream's version after it.</summary>
public sealed record Decided<TEvent>(Decision<TEvent> Decision, long Version);

public static class DecideExtensions
{
    /// <summary>
    /// The one load → decide → append helper: folds the stream, asks the decider, appends at the version it
    /// read, and on a concurrency conflict (someone appended first) does it all again, a bounded number of times.
    /// Hot streams (a busy topic) lose nothing: every command is decided against the state it lands on.
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
    {
        for (var attempt = 1; ; attempt++)
        {
            var history = await store.ReadStreamAsync(streamId, ct: ct);
            var version = history.Count == 0 ? 0 : history[^1].Version;
            var decision = decider.Decide(command, decider.Fold(history.Select(e => (TEvent)e.Data)));
            if (decision.IsRefused || decision.Events.Count == 0)
            {
                return new Decided<TEvent>(decision, version);
            }

            try
            {
                var appended = await store.AppendAsync(streamId, ExpectedVersion.Exactly(version), [.. decision.Events.Cast<object>()], metadata, ct);
                return new Decided<TEvent>(decision, appended.NextExpectedVersion);
            }
            catch (ConcurrencyException) when (attempt < maxAttempts)
            {
                // Lost the race: re-read and decide again on the newer state.
            }
        }
    }
}
