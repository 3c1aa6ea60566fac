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
/// <remarks>
/// A page of the log at a time, in three steps, so the work that costs (the rules, about 0.2 ms a post with a large
/// rulebook) runs on two cores while the results stay exactly those of a one-by-one run: first, in log order, what
/// depends on order (categories, author facts, each author's recent posts, copied as they stand before the post);
/// then every post of the page is evaluated in parallel, each evaluation needing nothing but its own submission; then
/// the verdicts are counted in log order, so the examples are the first ones, as before. The next page is read while
/// this one is evaluated.
/// </remarks>
public sealed class Backtest(SqlEventStore store, MemberCards cards, MemberStanding standing, TimeProvider time)
{
    public const int MaxDays = 365;

    /// <summary>Events read from the log at a time.</summary>
    public const int PageSize = 2_000;

    private const int ExamplesPerRule = 3;
    private const int RecentPerAuthor = 20;

    /// <summary>
    /// Cores the evaluation may use: two, not all of them. A back-test is a moderator's occasional request and the
    /// forum's readers share the machine; two already halve its time on the 2-core machines we size for.
    /// </summary>
    private const int Parallelism = 2;

    /// <summary>A post or edit to evaluate, with everything its evaluation needs fixed in log order.</summary>
    private sealed record Pending(RecordedEvent Event, Guid PostId, ContentKind Kind, string Category, string Body, AuthorFacts Author, RecentPost[] Recent);

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
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = ct };

        for (var reading = ReadPageAsync(0, ct); reading is not null;)
        {
            var page = await reading;
            // SQLite's driver reads synchronously, so the next page is read on another thread while this one is evaluated.
            reading = page.Count < PageSize ? null : ReadPageAsync(page[^1].Position, ct);

            // 1. In log order: what each evaluation depends on.
            var pending = new List<Pending>(page.Count);
            foreach (var e in page)
            {
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
                pending.Add(new Pending(e, postId, kind, categories.GetValueOrDefault(e.StreamId, ""), body, author, [.. history]));
                history.Insert(0, new RecentPost(e.RecordedAt, body));
                if (history.Count > RecentPerAuthor)
                {
                    history.RemoveAt(history.Count - 1);
                }
            }

            // 2. In parallel: the rules (pure, and the compiled rulebook is only read).
            var verdicts = new Verdict[pending.Count];
            Parallel.For(0, pending.Count, parallel, i =>
            {
                var p = pending[i];
                verdicts[i] = RuleEngine.Evaluate(compiled, new Submission(
                    p.Kind, p.Category, p.Body, PostFacts.LinkHosts(p.Body), PostFacts.MentionCount(p.Body), p.Author, p.Recent, p.Event.RecordedAt));
            });

            // 3. In log order: the counts and the first examples.
            for (var i = 0; i < pending.Count; i++)
            {
                var (p, verdict) = (pending[i], verdicts[i]);
                evaluated++;
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
                        rule.Examples.Add(new BacktestExample(TopicsSetup.TopicIdOf(p.Event.StreamId), p.PostId, p.Body.Length <= 200 ? p.Body : p.Body[..200] + "…"));
                    }

                    rules[hit.RuleId] = rule with { Matches = rule.Matches + 1 };
                }
            }
        }

        return new BacktestReport(
            evaluated, rejected, held, flagged,
            [.. rules.Values.Select(r => new BacktestRule(r.Rule.Id, r.Rule.Action.ToString().ToLowerInvariant(), r.Matches, r.Examples))],
            clock.Elapsed.TotalSeconds);
    }

    private Task<IReadOnlyList<RecordedEvent>> ReadPageAsync(long after, CancellationToken ct) =>
        Task.Run(() => store.ReadAllAsync(after, PageSize, ct), ct);

    private async Task<AuthorFacts?> AuthorAsync(Guid memberId, CancellationToken ct) =>
        await cards.FindAsync(memberId, ct) is not { } card ? null : new AuthorFacts(
            await standing.TrustLevelAsync(memberId, ct),
            card.JoinedAt,
            0,
            card.Roles.ToHashSet(StringComparer.Ordinal),
            card.Roles.Contains(Domain.Members.Roles.Moderator) || card.Roles.Contains(Domain.Members.Roles.Admin));
}
