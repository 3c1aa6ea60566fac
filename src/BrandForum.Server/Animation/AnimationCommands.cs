using BrandForum.Domain.Topics;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Animation;

/// <summary>
/// Votes, solutions and contests: commands on the topic's stream through <see cref="TopicCommands"/> (which checks
/// the reader may enter the topic, takes the topic's write turn and drops its cached pages).
/// </summary>
public sealed class AnimationCommands(TopicCommands topics, AnimationReads reads)
{
    public const string WinnerBadge = "contest-winner";

    private static readonly Refusal NoSuchPoll = new("poll-not-found", "There is no such poll.", null);

    public async Task<Refusal?> VoteAsync(Viewer viewer, Guid pollId, IReadOnlyList<int> options, CancellationToken ct)
    {
        if (await reads.TopicOfPollAsync(pollId, ct) is not { } topicId)
        {
            return NoSuchPoll;
        }

        var refused = await topics.ActAsync(viewer, topicId, (by, at) => new VoteInPoll(pollId, options, by, at), ct);
        return refused?.Code == "topic-not-found" ? NoSuchPoll : refused;
    }

    public Task<Refusal?> SolveAsync(Viewer viewer, Guid topicId, Guid? postId, CancellationToken ct) =>
        topics.ActAsync(viewer, topicId, (by, at) => new MarkSolution(postId, by, at), ct);

    public Task<Refusal?> SetContestAsync(Viewer viewer, Guid topicId, DateTimeOffset deadline, CancellationToken ct) =>
        topics.ActAsync(viewer, topicId, (by, at) => new SetContest(deadline, by, at), ct);

    /// <summary>
    /// Picks winners. Only the topic's event is written here: <see cref="ContestWinnerBadges"/> grants each newly
    /// picked winner the badge from the log, so a crash after this append cannot lose it. The decider never picks a
    /// post twice, so a repeated request records nothing more.
    /// </summary>
    public Task<Refusal?> PickWinnersAsync(Viewer viewer, Guid topicId, IReadOnlyList<Guid> postIds, CancellationToken ct) =>
        topics.ActAsync(viewer, topicId, (by, at) => new PickWinners(postIds, by, at), ct);
}
