using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Seeding;

/// <summary>
/// One topic's stream while it is written: the state is kept in memory and evolved event by event, so each
/// command is decided on the current state without re-reading the stream (a hot topic has hundreds of events),
/// then appended at the version it was decided on, like <see cref="DecideExtensions.DecideAsync"/> does.
/// </summary>
public sealed class SeededTopic(IEventStore store, string streamId)
{
    private TopicState _state = Topic.Decider.Initial;
    private long _version;

    /// <summary>True when the command appended events; a refusal is a bug in the seeder, so it throws.</summary>
    public async Task<bool> RunAsync(TopicCommand command, CancellationToken ct)
    {
        var decision = Topic.Decide(command, _state);
        if (decision.Error is { } error)
        {
            throw new InvalidOperationException($"The demo seeder sent a command the topic refuses: {error.Code} ({command.GetType().Name}).");
        }

        if (decision.Events.Count == 0)
        {
            return false;
        }

        var appended = await store.AppendAsync(
            streamId, ExpectedVersion.Exactly(_version), [.. decision.Events.Cast<object>()], new EventMetadata(Actor: command.By.MemberId.ToString()), ct);
        _version = appended.NextExpectedVersion;
        _state = decision.Events.Aggregate(_state, Topic.Evolve);
        return true;
    }
}
