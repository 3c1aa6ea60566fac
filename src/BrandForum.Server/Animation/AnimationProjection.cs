using System.Text.Json;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Animation;

/// <summary>
/// Inline: polls and their ballots (one row per chosen option, so counts are a GROUP BY), the solution of each
/// topic, contests and their winners — in the append's transaction, so the voter's next page shows their vote.
/// </summary>
public sealed class AnimationProjection : IProjection
{
    public string Name => "animation";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(AnimationSetup.TopicEventNames.Values, StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        foreach (var e in events)
        {
            var topic = Sql.Id(engine, TopicsSetup.TopicIdOf(e.StreamId));
            await (e.Data switch
            {
                PollOpened o => context.WriteAsync(
                    "INSERT INTO polls (poll_id, topic_id, question, options, multiple, closes_at, results) VALUES (@p, @t, @q, @o, @m, @c, @r)",
                    ct,
                    ("p", Sql.Id(engine, o.PollId)), ("t", topic), ("q", o.Question), ("o", JsonSerializer.Serialize(o.Options)), ("m", o.Multiple),
                    ("c", o.ClosesAt is { } closes ? Sql.Time(engine, closes) : null), ("r", PollView.ResultsName(o.Results))),
                PollVoted v => VoteAsync(context, v, ct),
                SolutionMarked s => context.WriteAsync(
                    "INSERT INTO topic_solutions (topic_id, post_id, marked_at) VALUES (@t, @p, @at) ON CONFLICT (topic_id) DO UPDATE SET post_id = excluded.post_id, marked_at = excluded.marked_at",
                    ct,
                    ("t", topic), ("p", Sql.Id(engine, s.PostId)), ("at", Sql.Time(engine, s.At))),
                SolutionCleared => context.WriteAsync("DELETE FROM topic_solutions WHERE topic_id = @t", ct, ("t", topic)),
                ContestSet c => context.WriteAsync(
                    "INSERT INTO contests (topic_id, deadline) VALUES (@t, @d) ON CONFLICT (topic_id) DO UPDATE SET deadline = excluded.deadline",
                    ct,
                    ("t", topic), ("d", Sql.Time(engine, c.Deadline))),
                ContestWinnersPicked w => WinnersAsync(context, topic, w, ct),
                _ => Task.CompletedTask,
            });
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        foreach (var table in new[] { "poll_votes", "polls", "topic_solutions", "contest_winners", "contests" })
        {
            await context.ExecuteAsync($"DELETE FROM {table}", ct);
        }
    }

    /// <summary>A new ballot replaces the member's last one.</summary>
    private static async Task VoteAsync(ProjectionContext context, PollVoted v, CancellationToken ct)
    {
        var (poll, member) = (Sql.Id(context.Engine, v.PollId), Sql.Id(context.Engine, v.MemberId));
        await context.WriteAsync("DELETE FROM poll_votes WHERE poll_id = @p AND member_id = @m", ct, ("p", poll), ("m", member));
        foreach (var option in v.Options)
        {
            await context.WriteAsync("INSERT INTO poll_votes (poll_id, member_id, option_index) VALUES (@p, @m, @o)", ct, ("p", poll), ("m", member), ("o", option));
        }
    }

    private static async Task WinnersAsync(ProjectionContext context, object topic, ContestWinnersPicked w, CancellationToken ct)
    {
        foreach (var winner in w.Winners)
        {
            await context.WriteAsync(
                "INSERT INTO contest_winners (topic_id, post_id, member_id, at) VALUES (@t, @p, @m, @at) ON CONFLICT DO NOTHING",
                ct,
                ("t", topic), ("p", Sql.Id(context.Engine, winner.PostId)), ("m", Sql.Id(context.Engine, winner.MemberId)), ("at", Sql.Time(context.Engine, w.At)));
        }
    }
}
