using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

public sealed record BacktestExample(Guid TopicId, Guid PostId, string Excerpt);

public sealed record BacktestRule(string RuleId, string Action, int Matches, IReadOnlyList<BacktestExample> Examples);

public sealed record BacktestReport(int Evaluated, int Rejected, int Held, int Flagged, IReadOnlyList<BacktestRule> Rules, double Seconds);

/// <summary>
/// Runs a draft rulebook over the posts of the last days, straight from the log, before anyone publishes it:
/// how many posts each rule would have rejected, held or flagged, with examples. Authors are judged as they are
/// now (roles, trust level, account age); rate and duplicate rules see the posts of the period in order.
/// </summary>
public sealed class Backtest(SqlEventStore store, MemberCards cards, MemberStanding standing, TimeProvider time)
{
    public const int MaxDays = 365;
    private const int ExamplesPerRule = 3;
    private const int RecentPerAuthor = 20;

    /// <summary>Events read from the log at a time.</summary>
    public const int PageSize = 2_000;

    public async Task<BacktestReport> RunAsync(Rulebook draft, int days, CancellationToken ct)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var compiled = RuleEngine.Compile(draft);
        var since = time.GetUtcNow().AddDays(-days);
        var categories = new Dictionary<string, string>(StringComparer.Ordinal);
        var authors = new Dictionary<Guid, AuthorFacts?>();
        var recent = new Dictionary<Guid, List<RecentPost>>();
        var (heldOpenings, approved) = (new HashSet<string>(StringComparer.Ordinal), new HashSet<string>(StringComparer.Ordinal));
        var rules = draft.Rules.ToDictionary(r => r.Id, r => (Rule: r, Matches: 0, Examples: new List<BacktestExample>()), StringComparer.Ordinal);
        var (evaluated, rejected, held, flagged) = (0, 0, 0, 0);

        for (long after = 0; ;)
        {
            var page = await store.ReadAllAsync(after, PageSize, ct);
            foreach (var e in page)
            {
                after = e.Position;
                if (e.Data is TopicStarted started)
                {
                    categories[e.StreamId] = started.Category;
                    if (started.Held)
                    {
                        heldOpenings.Add(e.StreamId);
                    }
                }
                else if (e.Data is TopicMoved moved)
                {
                    categories[e.StreamId] = moved.To;
                }

                // A held post was submitted like any other (its approval's PostPublished is not a new submission).
                if (e.RecordedAt < since || (e.Data is not PostPublished and not PostEdited and not PostHeld) || (e.Data is PostPublished && approved.Remove(e.StreamId)))
                {
                    if (e.Data is PostApproved)
                    {
                        approved.Add(e.StreamId);
                    }

                    continue;
                }

                var (postId, authorId, body, kind) = e.Data switch
                {
                    PostHeld h => (h.PostId, h.AuthorId, h.Body, heldOpenings.Remove(e.StreamId) ? ContentKind.Topic : ContentKind.Reply),
                    PostPublished p => (p.PostId, p.AuthorId, p.Body, p.Number == 1 ? ContentKind.Topic : ContentKind.Reply),
                    PostEdited p => (p.PostId, p.EditorId, p.Body, ContentKind.Edit),
                    _ => throw new InvalidOperationException(),
                };
                if (!authors.TryGetValue(authorId, out var author))
                {
                    authors[authorId] = author = await AuthorAsync(authorId, ct);
                }

                if (author is null)
                {
                    continue;
                }

                var history = recent.TryGetValue(authorId, out var list) ? list : recent[authorId] = [];
                var verdict = RuleEngine.Evaluate(compiled, new Submission(
                    kind, categories.GetValueOrDefault(e.StreamId, ""), body, PostFacts.LinkHosts(body), PostFacts.MentionCount(body), author, history, e.RecordedAt));
                evaluated++;
                history.Insert(0, new RecentPost(e.RecordedAt, body));
                if (history.Count > RecentPerAuthor)
                {
                    history.RemoveAt(history.Count - 1);
                }

                (rejected, held, flagged) = verdict.Removal?.Action switch
                {
                    RuleAction.Reject => (rejected + 1, held, flagged),
                    RuleAction.Hold => (rejected, held + 1, flagged),
                    RuleAction.Flag => (rejected, held, flagged + 1),
                    _ => (rejected, held, flagged),
                };
                foreach (var hit in verdict.Hits)
                {
                    var rule = rules[hit.RuleId];
                    if (rule.Examples.Count < ExamplesPerRule)
                    {
                        rule.Examples.Add(new BacktestExample(TopicsSetup.TopicIdOf(e.StreamId), postId, body.Length <= 200 ? body : body[..200] + "…"));
                    }

                    rules[hit.RuleId] = rule with { Matches = rule.Matches + 1 };
                }
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        return new BacktestReport(
            evaluated, rejected, held, flagged,
            [.. rules.Values.Select(r => new BacktestRule(r.Rule.Id, r.Rule.Action.ToString().ToLowerInvariant(), r.Matches, r.Examples))],
            clock.Elapsed.TotalSeconds);
    }

    private async Task<AuthorFacts?> AuthorAsync(Guid memberId, CancellationToken ct) =>
        await cards.FindAsync(memberId, ct) is not { } card ? null : new AuthorFacts(
            await standing.TrustLevelAsync(memberId, ct),
            card.JoinedAt,
            0,
            card.Roles.ToHashSet(StringComparer.Ordinal),
            card.Roles.Contains(Domain.Members.Roles.Moderator) || card.Roles.Contains(Domain.Members.Roles.Admin));
}
