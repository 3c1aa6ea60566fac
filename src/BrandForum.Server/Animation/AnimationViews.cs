using System.Text.Json.Serialization;
using BrandForum.Domain.Topics;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Animation;

/// <summary>One option of a poll; <see cref="Votes"/> is null while the results are hidden from this reader.</summary>
public sealed record PollOptionView(int Index, string Text, int? Votes);

/// <summary>
/// A topic's poll as one reader sees it: the counts are shown always, once this reader voted, or once the poll
/// closed, as its author chose (staff always see them). <see cref="Voters"/> (how many took part) is always shown.
/// </summary>
public sealed record PollView(
    Guid PollId, string Question, IReadOnlyList<PollOptionView> Options, bool Multiple, DateTimeOffset? ClosesAt, string Results, bool Closed,
    bool ResultsVisible, int Voters, IReadOnlyList<int>? MyVote)
{
    public static string ResultsName(PollResults results) => results switch
    {
        PollResults.Always => "always",
        PollResults.OnVote => "onVote",
        PollResults.OnClose => "onClose",
        _ => throw new ArgumentOutOfRangeException(nameof(results), results, null),
    };

    public static PollResults? ParseResults(string? name) => name switch
    {
        null or "always" => PollResults.Always,
        "onVote" => PollResults.OnVote,
        "onClose" => PollResults.OnClose,
        _ => null,
    };

    /// <summary>The largest count, for drawing bars relative to it.</summary>
    [JsonIgnore]
    public int MaxVotes => Options.Max(o => o.Votes ?? 0);
}

/// <summary>The reply marked as a topic's solution, for the block under the opening post.</summary>
public sealed record SolutionView(Guid PostId, int Number, AuthorRef Author, string Html);

public sealed record ContestWinnerView(Guid PostId, int Number, AuthorRef Author);

/// <summary>A contest: entries are replies made before <see cref="Deadline"/>; <see cref="Closed"/> once it passed.</summary>
public sealed record ContestView(DateTimeOffset Deadline, bool Closed, IReadOnlyList<ContestWinnerView> Winners);

/// <summary>What animates a topic, read with its page.</summary>
public sealed record TopicAnimation(PollView? Poll, SolutionView? Solution, ContestView? Contest)
{
    public static TopicAnimation None { get; } = new(null, null, null);
}
