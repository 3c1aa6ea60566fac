namespace BrandForum.Domain.Listening;

/// <summary>The CMs replace the list of terms they listen for (brand, products, competitors, campaign hashtags).</summary>
public sealed record SetWatchlist(IReadOnlyList<string> Terms, Guid By, DateTimeOffset At);

public abstract record WatchlistEvent;

/// <summary>The whole list as it stands from now on, terms as the CMs wrote them (matched like the rulebook's words).</summary>
public sealed record WatchlistSet(IReadOnlyList<string> Terms, Guid By, DateTimeOffset At) : WatchlistEvent;

/// <summary>A term's mentions in one hour went past the spike threshold; recorded once per term and hour.</summary>
public sealed record MentionSpikeDetected(string Term, DateTimeOffset Hour, int Count, double TrailingAverage, DateTimeOffset At) : WatchlistEvent;

public sealed record WatchlistState(IReadOnlyList<string> Terms)
{
    public static WatchlistState Empty { get; } = new([]);
}

/// <summary>
/// The one watchlist of the community (stream <c>listening-watchlist</c>). Terms are trimmed and de-duplicated the way
/// the matcher will compare them (case and accents aside), so "Vélo" and "velo" are one term.
/// </summary>
public static class Watchlist
{
    public const int MaxTerms = 100;
    public const int MaxTermLength = 60;

    public static Decider<SetWatchlist, WatchlistEvent, WatchlistState> Decider { get; } = new(WatchlistState.Empty, Decide, Evolve);

    public static Decision<WatchlistEvent> Decide(SetWatchlist command, WatchlistState state)
    {
        var terms = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in command.Terms)
        {
            var term = string.Join(' ', (raw ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            if (term.Length == 0 || term.Length > MaxTermLength || term.Trim('*').Length == 0)
            {
                return Decision<WatchlistEvent>.Refuse("invalid-term", $"A term has 1 to {MaxTermLength} characters, not only stars.");
            }

            if (seen.Add(Moderation.WordMatcher.Normalize(term, keepStars: true)))
            {
                terms.Add(term);
            }
        }

        if (terms.Count > MaxTerms)
        {
            return Decision<WatchlistEvent>.Refuse("too-many-terms", $"A watchlist has at most {MaxTerms} terms.");
        }

        return terms.SequenceEqual(state.Terms, StringComparer.Ordinal)
            ? Decision<WatchlistEvent>.Nothing
            : Decision<WatchlistEvent>.Accept(new WatchlistSet(terms, command.By, command.At));
    }

    public static WatchlistState Evolve(WatchlistState state, WatchlistEvent e) => e switch
    {
        WatchlistSet s => new WatchlistState(s.Terms),
        MentionSpikeDetected => state,
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown watchlist event."),
    };
}
