using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

/// <summary>What the rules said of a text: the hits for the topic decider, the text as it will be published (censored), and a silence to impose.</summary>
public sealed record Screened(Screening Screening, string Body, RuleHit? Silence);

/// <summary>
/// Runs the rulebook in force on a topic, reply or edit before it is decided: gathers what rules look at (links,
/// mentions, the author's trust, age, post count and recent posts), evaluates, and masks censored words. Staff are
/// exempt unless a rule includes them, and then nothing is read at all.
/// </summary>
public sealed class PostScreener(Rulebooks rulebooks, MemberStanding standing, SqlEventStore store, Crisis.CrisisBoard crises, TimeProvider time)
{
    private const int RecentPosts = 20;

    public async Task<Screened> ScreenAsync(Viewer author, ContentKind kind, string category, string body, CancellationToken ct)
    {
        var screened = await ScreenByRulesAsync(author, kind, category, body, ct);
        return await CrisisHoldAsync(author, kind, category, ct) is { } hold
            ? screened with { Screening = screened.Screening with { Hits = [.. screened.Screening.Hits, hold] } }
            : screened;
    }

    /// <summary>
    /// A crisis in force over the category holds new topics and replies of members below its trust level, as a
    /// rule would (recorded under the rule id "crisis:{scope}"); staff are exempt and edits are left to the rules.
    /// </summary>
    private async Task<ScreenHit?> CrisisHoldAsync(Viewer author, ContentKind kind, string category, CancellationToken ct)
    {
        if (author.IsStaff || kind is not (ContentKind.Topic or ContentKind.Reply))
        {
            return null;
        }

        var holding = (await crises.InForceAsync(category, ct)).Where(c => c.Terms.HoldBelowTrustLevel > 0).ToList();
        if (holding.Count == 0)
        {
            return null;
        }

        var trust = await standing.RecentTrustLevelAsync(author.MemberId!.Value, ct);
        return holding.Where(c => trust < c.Terms.HoldBelowTrustLevel).OrderBy(c => c.Scope == Domain.Crisis.CrisisMode.Site ? 0 : 1).FirstOrDefault() is { } crisis
            ? new ScreenHit(Crisis.CrisisSetup.HoldRulePrefix + crisis.Scope, RuleAction.Hold, "The community is in crisis mode: a moderator reads posts before they appear.")
            : null;
    }

    private async Task<Screened> ScreenByRulesAsync(Viewer author, ContentKind kind, string category, string body, CancellationToken ct)
    {
        var (version, _, compiled) = await rulebooks.CurrentAsync(ct);
        if (compiled.Rulebook.Rules.Count == 0 || (author.IsStaff && !compiled.Rulebook.Rules.Any(r => r.IncludeStaff)))
        {
            return new Screened(Screening.None, body, null);
        }

        var now = time.GetUtcNow();
        var memberId = author.MemberId!.Value;
        var needs = Needs.Of(compiled.Rulebook);
        var (joined, postCount) = needs.Counts ? await CountsAsync(memberId, needs.PostCountCap, ct) : (now, 0);
        var recent = needs.Recent ? await RecentAsync(memberId, ct) : [];
        var trust = needs.Trust ? await standing.RecentTrustLevelAsync(memberId, ct) : 0;
        var facts = new AuthorFacts(trust, joined, postCount, author.Roles.ToHashSet(StringComparer.Ordinal), author.IsStaff);
        var verdict = RuleEngine.Evaluate(compiled, new Submission(kind, category, body, PostFacts.LinkHosts(body), PostFacts.MentionCount(body), facts, recent, now));
        if (verdict.All.Count == 0)
        {
            return new Screened(Screening.None, body, null);
        }

        var censored = verdict.All.Where(h => h.Action == RuleAction.Censor).SelectMany(h => h.Words).ToList();
        return new Screened(
            new Screening(version, [.. verdict.All.Select(h => new ScreenHit(h.RuleId, h.Action, h.Message, h.Tags.Count > 0 ? h.Tags : null))]),
            censored.Count > 0 ? WordMatcher.Mask(body, censored) : body,
            verdict.All.FirstOrDefault(h => h.Action == RuleAction.Silence));
    }

    /// <summary>
    /// When the author joined and how many posts they have (for account-age and post-count rules). Posts are
    /// counted only up to <paramref name="cap"/>, the highest "post count below" of the rulebook: every rule
    /// compares the count with a threshold at most that, so a capped count decides the same, and a prolific
    /// author's screening no longer reads every post they ever wrote (it did, on each reply: O(posts)).
    /// </summary>
    private async Task<(DateTimeOffset Joined, int PostCount)> CountsAsync(Guid memberId, int cap, CancellationToken ct)
    {
        var counts = (await store.QueryAsync(
            "SELECT (SELECT joined_at FROM member_cards WHERE member_id = @m), " +
            // The cap is written in the statement, not bound: with it and "deleted" as parameters, PostgreSQL found
            // no generic plan good enough and planned this statement again on almost every reply.
            $"(SELECT count(*) FROM (SELECT 1 FROM posts WHERE author_id = @m AND NOT deleted LIMIT {cap.ToString(System.Globalization.CultureInfo.InvariantCulture)}) capped)",
            r => (Joined: Sql.ReadOptionalTime(r, 0), Posts: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
            ct,
            ("m", Sql.Id(store.Engine, memberId)))).Single();
        return (counts.Joined ?? time.GetUtcNow(), counts.Posts);
    }

    /// <summary>The author's latest posts, held ones too, for rate and duplicate rules.</summary>
    private async Task<IReadOnlyList<RecentPost>> RecentAsync(Guid memberId, CancellationToken ct) =>
        await store.QueryAsync(
            "SELECT at, body FROM (SELECT created_at AS at, markdown AS body FROM posts WHERE author_id = @m " +
            "UNION ALL SELECT created_at, markdown FROM held_posts WHERE author_id = @m) x ORDER BY at DESC LIMIT @limit",
            r => new RecentPost(Sql.ReadTime(r, 0), r.GetString(1)),
            ct,
            ("m", Sql.Id(store.Engine, memberId)), ("limit", RecentPosts));

    /// <summary>What the rulebook's conditions look at, so a post is screened reading only that (worked out once per rulebook version).</summary>
    /// <param name="PostCountCap">The highest "post count below" threshold (0 when no rule counts posts): counting further changes no verdict.</param>
    private sealed record Needs(bool Counts, int PostCountCap, bool Recent, bool Trust)
    {
        private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Rulebook, Needs> Known = [];

        public static Needs Of(Rulebook rulebook) => Known.GetValue(rulebook, r => new Needs(
            r.Rules.Any(x => x.When.Author is { AccountAgeBelowHours: not null } or { PostCountBelow: not null }),
            r.Rules.Select(x => x.When.Author?.PostCountBelow ?? 0).DefaultIfEmpty(0).Max(),
            r.Rules.Any(x => x.When.Rate is not null || x.When.Duplicate is not null),
            r.Rules.Any(x => x.When.Author is { TrustLevelBelow: not null })));
    }
}
