using System.Text.RegularExpressions;

namespace BrandForum.Domain.Moderation;

/// <summary>What the rules know about the author, resolved by the caller.</summary>
public sealed record AuthorFacts(int TrustLevel, DateTimeOffset JoinedAt, int PostCount, IReadOnlySet<string> Roles, bool IsStaff);

/// <summary>The author's recent posts (their text and time), for rate and duplicate rules.</summary>
public sealed record RecentPost(DateTimeOffset At, string Text);

/// <summary>
/// A post being started, replied or edited, as the rules see it. <see cref="OverruledRules"/> lists the rules a
/// human already decided against for this post (an approved hold): they never act on it again.
/// </summary>
public sealed record Submission(
    ContentKind Kind,
    string Category,
    string Text,
    IReadOnlyList<string> LinkHosts,
    int Mentions,
    AuthorFacts Author,
    IReadOnlyList<RecentPost> Recent,
    DateTimeOffset At,
    IReadOnlySet<string>? OverruledRules = null);

/// <summary>One rule that matched, and the listed words that made it match (for censoring and for the moderator).</summary>
public sealed record RuleHit(string RuleId, RuleAction Action, string? Message, IReadOnlySet<string> Words, int? SilenceHours, IReadOnlyList<string> Tags);

/// <summary>
/// The outcome: at most one removal-class action (the most severe: reject, then hold, then flag) and every
/// other action that matched (censor, tag, notify, silence). Carries the rulebook version for the record.
/// </summary>
public sealed record Verdict(int RulebookVersion, RuleHit? Removal, IReadOnlyList<RuleHit> Others)
{
    /// <summary>Every rule that matched, in rulebook order (a later step may set some aside: those a moderator overruled).</summary>
    public IReadOnlyList<RuleHit> All { get; init; } = [];

    public bool IsClean => Removal is null && Others.Count == 0;

    public IEnumerable<RuleHit> Hits => Removal is null ? Others : Others.Prepend(Removal);
}

/// <summary>A rulebook prepared for evaluation: every listed word indexed once, every regex compiled once.</summary>
public sealed class CompiledRulebook
{
    internal CompiledRulebook(Rulebook rulebook)
    {
        Rulebook = rulebook;
        Words = new WordMatcher(rulebook.Rules.SelectMany(r => r.When.Text is { } t ? t.Any.Concat(t.All) : []));
        Regexes = rulebook.Rules.Where(r => r.When.Text?.Regex is not null).ToDictionary(
            r => r.Id,
            r => new Regex(r.When.Text!.Regex!, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromMilliseconds(50)));
    }

    public Rulebook Rulebook { get; }

    internal WordMatcher Words { get; }

    internal IReadOnlyDictionary<string, Regex> Regexes { get; }
}

/// <summary>
/// Evaluates a rulebook on a submission: conditions of a rule are ANDed; staff are exempt unless a rule includes
/// them; a rule a human overruled for this post is skipped. Pure: everything it needs is on the submission.
/// </summary>
public static class RuleEngine
{
    private static readonly RuleAction[] Removals = [RuleAction.Reject, RuleAction.Hold, RuleAction.Flag];

    public static CompiledRulebook Compile(Rulebook rulebook) => new(rulebook);

    public static Verdict Evaluate(CompiledRulebook compiled, Submission submission)
    {
        var tokens = WordMatcher.Tokens(submission.Text);
        var found = compiled.Words.Find(submission.Text, tokens);
        var sameText = new Lazy<string>(() => string.Join(' ', tokens));
        var hits = new List<RuleHit>();
        foreach (var rule in compiled.Rulebook.Rules)
        {
            if (submission.OverruledRules?.Contains(rule.Id) == true
                || (submission.Author.IsStaff && !rule.IncludeStaff)
                || !InScope(rule.Scope, submission)
                || Matches(rule, compiled, submission, found, sameText) is not { } words)
            {
                continue;
            }

            hits.Add(new RuleHit(rule.Id, rule.Action, rule.Message, words, rule.SilenceHours, rule.Tags ?? []));
        }

        var removal = hits.Where(h => Removals.Contains(h.Action)).OrderBy(h => h.Action).FirstOrDefault();
        return new Verdict(compiled.Rulebook.Version, removal, [.. hits.Where(h => !Removals.Contains(h.Action))]) { All = hits };
    }

    private static bool InScope(RuleScope scope, Submission s) =>
        (scope.Categories.Count == 0 || scope.Categories.Contains(s.Category)) && (scope.Kinds.Count == 0 || scope.Kinds.Contains(s.Kind));

    /// <summary>The words that matched (empty when the rule has no word list) if every condition holds, else null.</summary>
    private static HashSet<string>? Matches(Rule rule, CompiledRulebook compiled, Submission s, IReadOnlySet<string> found, Lazy<string> postWords)
    {
        var when = rule.When;
        HashSet<string> words = NoWords;
        if (when.Text is { } text)
        {
            if (text.Any.Count > 0 && !text.Any.Any(found.Contains))
            {
                return null;
            }

            if (text.All.Count > 0 && !text.All.All(found.Contains))
            {
                return null;
            }

            if (text.Regex is not null && !Safe(() => compiled.Regexes[rule.Id].IsMatch(s.Text)))
            {
                return null;
            }

            words = [.. text.Any.Concat(text.All).Where(found.Contains)];
        }

        return Holds(when.Links, l => (l.AtLeast is not { } least || s.LinkHosts.Count >= least) && (l.Domains.Count == 0 || s.LinkHosts.Any(h => l.Domains.Any(d => IsDomain(h, d)))))
            && Holds(when.Mentions, m => s.Mentions >= m.AtLeast)
            && Holds(when.Caps, c => Caps(s.Text, c))
            && Holds(when.Length, l => (l.Above is not { } above || s.Text.Length > above) && (l.Below is not { } below || s.Text.Length < below))
            && Holds(when.Author, a => Author(a, s))
            && Holds(when.Rate, r => s.Recent.Count(p => s.At - p.At <= TimeSpan.FromMinutes(r.WithinMinutes)) + 1 >= r.PostsAtLeast)
            && Holds(when.Duplicate, d => s.Recent.Any(p => s.At - p.At <= TimeSpan.FromMinutes(d.WithinMinutes) && string.Join(' ', WordMatcher.Tokens(p.Text)) == postWords.Value))
            ? words
            : null;
    }

    /// <summary>Shared by every rule without a word list (never written to).</summary>
    private static readonly HashSet<string> NoWords = [];

    private static bool Holds<T>(T? condition, Func<T, bool> test)
        where T : class => condition is null || test(condition);

    private static bool Author(AuthorCondition a, Submission s) =>
        (a.TrustLevelBelow is not { } level || s.Author.TrustLevel < level)
        && (a.AccountAgeBelowHours is not { } hours || (s.At - s.Author.JoinedAt).TotalHours < hours)
        && (a.PostCountBelow is not { } posts || s.Author.PostCount < posts)
        && (a.Roles.Count == 0 || a.Roles.Any(s.Author.Roles.Contains))
        && !a.NotRoles.Any(s.Author.Roles.Contains);

    private static bool Caps(string text, CapsCondition caps)
    {
        var letters = text.Count(char.IsLetter);
        return letters >= caps.MinLetters && text.Count(char.IsUpper) >= caps.RatioAtLeast * letters;
    }

    /// <summary><c>example.com</c> covers it and its subdomains; <c>*.example.com</c> only subdomains.</summary>
    public static bool IsDomain(string host, string domain)
    {
        host = host.ToLowerInvariant().TrimEnd('.');
        domain = domain.ToLowerInvariant();
        return domain.StartsWith("*.", StringComparison.Ordinal)
            ? host.EndsWith(domain[1..], StringComparison.Ordinal)
            : host == domain || host.EndsWith("." + domain, StringComparison.Ordinal);
    }

    /// <summary>A regex that takes too long counts as no match: a rule must never stall posting.</summary>
    private static bool Safe(Func<bool> match)
    {
        try
        {
            return match();
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }
}
