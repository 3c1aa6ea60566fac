using System.Globalization;
using System.Text.Json;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Animation;

/// <summary>Reads polls, solutions and contests (kept by <see cref="AnimationProjection"/>); the caller has checked the reader may see the topic.</summary>
public sealed class AnimationReads(SqlEventStore store, TimeProvider time)
{
    /// <summary>
    /// The topic's poll, solution and contest as <paramref name="reader"/> sees them (null: anyone). One light
    /// query says which of them the topic has, so a topic with none costs one round trip.
    /// </summary>
    public async Task<TopicAnimation> ForTopicAsync(Guid topicId, Viewer? reader, CancellationToken ct)
    {
        var id = Sql.Id(store.Engine, topicId);
        var (poll, solution, deadline) = (await store.QueryAsync(
            "SELECT (SELECT poll_id FROM polls WHERE topic_id = @t), (SELECT post_id FROM topic_solutions WHERE topic_id = @t), (SELECT deadline FROM contests WHERE topic_id = @t)",
            r => (Poll: r.IsDBNull(0) ? (Guid?)null : r.GetGuid(0), Solution: r.IsDBNull(1) ? (Guid?)null : r.GetGuid(1), Deadline: Sql.ReadOptionalTime(r, 2)),
            ct,
            ("t", id))).Single();
        if (poll is null && solution is null && deadline is null)
        {
            return TopicAnimation.None;
        }

        return new TopicAnimation(
            poll is { } pollId ? await PollAsync(pollId, reader, ct) : null,
            solution is { } postId ? await SolutionAsync(postId, ct) : null,
            deadline is { } due ? new ContestView(due, time.GetUtcNow() >= due, await WinnersAsync(id, ct)) : null);
    }

    /// <summary>The topic a poll belongs to, or null when there is no such poll.</summary>
    public async Task<Guid?> TopicOfPollAsync(Guid pollId, CancellationToken ct) =>
        (await store.QueryAsync("SELECT topic_id FROM polls WHERE poll_id = @p", r => (Guid?)r.GetGuid(0), ct, ("p", Sql.Id(store.Engine, pollId)))).SingleOrDefault();

    public async Task<PollView?> PollAsync(Guid pollId, Viewer? reader, CancellationToken ct)
    {
        var id = Sql.Id(store.Engine, pollId);
        var row = (await store.QueryAsync(
            "SELECT question, options, multiple, closes_at, results FROM polls WHERE poll_id = @p",
            r => (Question: r.GetString(0), Options: JsonSerializer.Deserialize<string[]>(r.GetString(1))!, Multiple: r.GetBoolean(2), ClosesAt: Sql.ReadOptionalTime(r, 3), Results: r.GetString(4)),
            ct,
            ("p", id))).SingleOrDefault();
        if (row.Question is null)
        {
            return null;
        }

        var counts = (await store.QueryAsync(
            "SELECT option_index, count(*) FROM poll_votes WHERE poll_id = @p GROUP BY option_index",
            r => (Index: r.GetInt32(0), Count: Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)),
            ct,
            ("p", id))).ToDictionary(x => x.Index, x => x.Count);
        var voters = (await store.QueryAsync(
            "SELECT count(DISTINCT member_id) FROM poll_votes WHERE poll_id = @p", r => Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), ct, ("p", id))).Single();
        IReadOnlyList<int>? mine = reader?.MemberId is { } me
            ? await store.QueryAsync(
                "SELECT option_index FROM poll_votes WHERE poll_id = @p AND member_id = @m ORDER BY option_index", r => r.GetInt32(0), ct, ("p", id), ("m", Sql.Id(store.Engine, me)))
            : null;
        var closed = row.ClosesAt is { } closes && time.GetUtcNow() >= closes;
        var visible = closed || reader?.IsStaff == true || row.Results switch
        {
            "always" => true,
            "onVote" => mine is { Count: > 0 },
            _ => false,
        };
        return new PollView(
            pollId, row.Question, [.. row.Options.Select((text, i) => new PollOptionView(i, text, visible ? counts.GetValueOrDefault(i) : null))],
            row.Multiple, row.ClosesAt, row.Results, closed, visible, voters, mine is { Count: > 0 } ? mine : null);
    }

    /// <summary>The solution, while its post is published and neither deleted nor hidden.</summary>
    private async Task<SolutionView?> SolutionAsync(Guid postId, CancellationToken ct) => (await store.QueryAsync(
        "SELECT p.post_id, p.number, p.author_id, m.user_name, p.html FROM posts p LEFT JOIN member_cards m ON m.member_id = p.author_id " +
        "WHERE p.post_id = @p AND p.deleted = @no AND p.hidden = @no",
        r => new SolutionView(r.GetGuid(0), r.GetInt32(1), new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3)), r.GetString(4)),
        ct,
        ("p", Sql.Id(store.Engine, postId)), ("no", false))).SingleOrDefault();

    private async Task<IReadOnlyList<ContestWinnerView>> WinnersAsync(object topic, CancellationToken ct) => await store.QueryAsync(
        "SELECT w.post_id, p.number, w.member_id, m.user_name FROM contest_winners w JOIN posts p ON p.post_id = w.post_id " +
        "LEFT JOIN member_cards m ON m.member_id = w.member_id WHERE w.topic_id = @t ORDER BY p.number",
        r => new ContestWinnerView(r.GetGuid(0), r.GetInt32(1), new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3))),
        ct,
        ("t", topic));
}
