using System.Collections.Concurrent;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Topics;

/// <summary>
/// Writes to one topic from this node take turns, and those that wait go together. Without turns, concurrent
/// replies to a hot topic all load the stream, decide, and all but one lose the optimistic append and start over
/// (16 authors on one topic managed 8 replies/s). With one write at a time, a hot topic waited for each commit in
/// turn. So the commands waiting for a topic are decided together, each on the state the ones before it leave,
/// and appended at once (<see cref="DecideExtensions.DecideAllAsync"/>): a busy topic pays one commit for every
/// reply that came in meanwhile. Writers on other nodes still meet at the expected-version check, which stays
/// the guarantee.
/// </summary>
public sealed class TopicWriter(IEventStore store)
{
    /// <summary>At most this many commands in one append, so one append's inline projections stay short.</summary>
    private const int MaxBatch = 32;

    private readonly ConcurrentDictionary<Guid, Waiting> _topics = new();

    /// <summary>
    /// Decides and appends the command on the topic, after the writes queued before it. <paramref name="command"/>
    /// is made when its turn comes (so its time is the time it is decided); once queued, it is not cancellable.
    /// </summary>
    public async Task<Decided<TopicEvent>> DecideAsync(Guid topicId, Func<TopicCommand> command, EventMetadata metadata, CancellationToken ct)
    {
        ct.ThrowIfCancellationRequested();
        var pending = new Pending(command, metadata);
        while (true)
        {
            var waiting = _topics.GetOrAdd(topicId, _ => new Waiting());
            lock (waiting)
            {
                if (waiting.Gone)
                {
                    continue; // emptied and dropped meanwhile: queue on the next one
                }

                waiting.Queue.Enqueue(pending);
                if (!waiting.Writing)
                {
                    waiting.Writing = true;
                    _ = Task.Run(() => WriteAsync(topicId, waiting), CancellationToken.None);
                }
            }

            return await pending.Outcome.Task;
        }
    }

    private async Task WriteAsync(Guid topicId, Waiting waiting)
    {
        while (true)
        {
            List<Pending> batch;
            lock (waiting)
            {
                if (waiting.Queue.Count == 0)
                {
                    (waiting.Writing, waiting.Gone) = (false, true);
                    _topics.TryRemove(new KeyValuePair<Guid, Waiting>(topicId, waiting));
                    return;
                }

                batch = [];
                while (batch.Count < MaxBatch && waiting.Queue.TryDequeue(out var next))
                {
                    batch.Add(next);
                }
            }

            var commands = batch.Select(p => (p.Command(), p.Metadata)).ToList();
            try
            {
                Answer(batch, await DecideAllAsync(topicId, commands));
            }
            catch (Exception) when (batch.Count > 1)
            {
                // One command's append failed (an inline projection threw): decide each alone, so only it fails.
                for (var i = 0; i < batch.Count; i++)
                {
                    await AnswerAloneAsync(topicId, batch[i], commands[i]);
                }
            }
            catch (Exception e)
            {
                batch[0].Outcome.TrySetException(e);
            }
        }
    }

    private async Task AnswerAloneAsync(Guid topicId, Pending pending, (TopicCommand, EventMetadata) command)
    {
        try
        {
            Answer([pending], await DecideAllAsync(topicId, [command]));
        }
        catch (Exception e)
        {
            pending.Outcome.TrySetException(e);
        }
    }

    private Task<IReadOnlyList<Decided<TopicEvent>>> DecideAllAsync(Guid topicId, IReadOnlyList<(TopicCommand, EventMetadata)> commands) =>
        store.DecideAllAsync(TopicsSetup.StreamId(topicId), Topic.Decider, commands, maxAttempts: 50, CancellationToken.None);

    private static void Answer(List<Pending> batch, IReadOnlyList<Decided<TopicEvent>> decided)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            batch[i].Outcome.TrySetResult(decided[i]);
        }
    }

    private sealed record Pending(Func<TopicCommand> Command, EventMetadata Metadata)
    {
        public TaskCompletionSource<Decided<TopicEvent>> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>A topic's queue; <see cref="Gone"/> once emptied and dropped from the map.</summary>
    private sealed class Waiting
    {
        public Queue<Pending> Queue { get; } = new();

        public bool Writing { get; set; }

        public bool Gone { get; set; }
    }
}
