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
public sealed class PostScreener(Rulebooks rulebooks, MemberStanding standing, SqlEventStore store, TimeProvider time)
{
    private const int RecentPosts = 20;

    public async Task<Screened> ScreenAsync(Viewer author, ContentKind kind, string category, string body, CancellationToken ct)
    {
        var (version, _, compiled) = await rulebooks.CurrentAsync(ct);
        if (compiled.Rulebook.Rules.Count == 0 || (author.IsStaff && !compiled.Rulebook.Rules.Any(r => r.IncludeStaff)))
        {
            return new Screened(Screening.None, body, null);
        }

        var now = time.GetUtcNow();
        var memberId = author.MemberId!.Value;
        var (joined, postCount, recent) = await HistoryAsync(memberId, ct);
        var facts = new AuthorFacts(await standing.RecentTrustLevelAsync(memberId, ct), joined, postCount, author.Roles.ToHashSet(StringComparer.Ordinal), author.IsStaff);
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

    /// <summary>When the author joined, how many posts they have, and their latest posts (held ones too) for rate and duplicate rules.</summary>
    private async Task<(DateTimeOffset Joined, int PostCount, IReadOnlyList<RecentPost> Recent)> HistoryAsync(Guid memberId, CancellationToken ct)
    {
        var m = Sql.Id(store.Engine, memberId);
        var counts = (await store.QueryAsync(
            "SELECT (SELECT joined_at FROM member_cards WHERE member_id = @m), (SELECT count(*) FROM posts WHERE author_id = @m AND deleted = @no)",
            r => (Joined: Sql.ReadOptionalTime(r, 0), Posts: Convert.ToInt32(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)),
            ct,
            ("m", m), ("no", false))).Single();
        var recent = await store.QueryAsync(
            "SELECT at, body FROM (SELECT created_at AS at, markdown AS body FROM posts WHERE author_id = @m " +
            "UNION ALL SELECT created_at, markdown FROM held_posts WHERE author_id = @m) x ORDER BY at DESC LIMIT @limit",
            r => new RecentPost(Sql.ReadTime(r, 0), r.GetString(1)),
            ct,
            ("m", m), ("limit", RecentPosts));
        return (counts.Joined ?? time.GetUtcNow(), counts.Posts, recent);
    }
}
