namespace BrandForum.Server.Badges;

/// <summary>What a badge's rule counts, per member, over the log (see <see cref="BadgeProjection"/>).</summary>
public enum BadgeActivity
{
    /// <summary>Not counted: staff grant it by hand, with a reason.</summary>
    Manual,

    /// <summary>Posts published (openings and replies) that are neither deleted nor hidden.</summary>
    Posts,

    /// <summary>Topics whose opening post is published and neither deleted nor hidden.</summary>
    Topics,

    /// <summary>Reactions other members added to the member's posts, less those they removed.</summary>
    Reactions,

    /// <summary>Referrals the referral funnel counts as activated and not struck.</summary>
    Referrals,

    /// <summary>UTC days on which the member came to the forum (<c>member.visited</c>, once per member per day).</summary>
    Visits,
}

public enum BadgeTier
{
    Bronze,
    Silver,
    Gold,
}

/// <summary>
/// A badge: its rule is a threshold on one <see cref="BadgeActivity"/>. A single-award badge is held once the count
/// reaches <see cref="Threshold"/>; a multiple-award one once per whole multiple of it (and, when manual, once per
/// grant). A revocable badge is taken back when its count falls below (a deleted post); others stay. <see cref="Flair"/>:
/// worth showing next to the member's name in topics (First Post is not: nearly every author holds it).
/// </summary>
public sealed record Badge(string Id, string Name, string Description, BadgeTier Tier, BadgeActivity Activity, int Threshold, bool Multiple, bool Revocable, bool Flair = true)
{
    public bool IsManual => Activity == BadgeActivity.Manual;

    /// <summary>How many times a member with this count should hold the badge.</summary>
    public int Earned(long count) => IsManual || Threshold <= 0 ? 0 : Multiple ? (int)Math.Min(count / Threshold, 1000) : count >= Threshold ? 1 : 0;

    public static string TierName(BadgeTier tier) => tier.ToString().ToLowerInvariant();

    public static string ActivityName(BadgeActivity activity) => activity switch
    {
        BadgeActivity.Manual => "manual",
        BadgeActivity.Posts => "posts",
        BadgeActivity.Topics => "topics",
        BadgeActivity.Reactions => "reactions",
        BadgeActivity.Referrals => "referrals",
        BadgeActivity.Visits => "visits",
        _ => throw new ArgumentOutOfRangeException(nameof(activity), activity, null),
    };
}

/// <summary>
/// The badge catalogue, as data. Changing a rule here and running <c>projections rebuild badges</c> re-awards the
/// whole history against the new rule.
/// </summary>
public sealed class BadgeCatalogue(IReadOnlyList<Badge> badges)
{
    public static IReadOnlyList<Badge> Defaults { get; } =
    [
        new("first-post", "First Post", "Published a first post.", BadgeTier.Bronze, BadgeActivity.Posts, 1, Multiple: false, Revocable: true, Flair: false),
        new("conversation-starter", "Conversation Starter", "Started 5 topics.", BadgeTier.Bronze, BadgeActivity.Topics, 5, Multiple: false, Revocable: false),
        new("helpful-bronze", "Helpful", "Received 10 reactions.", BadgeTier.Bronze, BadgeActivity.Reactions, 10, Multiple: false, Revocable: false),
        new("helpful-silver", "Very Helpful", "Received 50 reactions.", BadgeTier.Silver, BadgeActivity.Reactions, 50, Multiple: false, Revocable: false),
        new("helpful-gold", "Most Helpful", "Received 250 reactions.", BadgeTier.Gold, BadgeActivity.Reactions, 250, Multiple: false, Revocable: false),
        new("recruiter-1", "Recruiter I", "Brought 1 member who took part.", BadgeTier.Bronze, BadgeActivity.Referrals, 1, Multiple: false, Revocable: true),
        new("recruiter-2", "Recruiter II", "Brought 5 members who took part.", BadgeTier.Silver, BadgeActivity.Referrals, 5, Multiple: false, Revocable: true),
        new("recruiter-3", "Recruiter III", "Brought 25 members who took part.", BadgeTier.Gold, BadgeActivity.Referrals, 25, Multiple: false, Revocable: true),
        new("regular-bronze", "Regular", "Came to the forum on 10 different days.", BadgeTier.Bronze, BadgeActivity.Visits, 10, Multiple: false, Revocable: false),
        new("regular-silver", "Loyal", "Came to the forum on 50 different days.", BadgeTier.Silver, BadgeActivity.Visits, 50, Multiple: false, Revocable: false),
        new("regular-gold", "Veteran", "Came to the forum on 200 different days.", BadgeTier.Gold, BadgeActivity.Visits, 200, Multiple: false, Revocable: false),
        new("event-host", "Event Host", "Hosted a community event.", BadgeTier.Silver, BadgeActivity.Manual, 0, Multiple: true, Revocable: true),
        new("contest-winner", "Contest Winner", "Won a community contest.", BadgeTier.Silver, BadgeActivity.Manual, 0, Multiple: true, Revocable: true),
        new("community-hero", "Community Hero", "Recognised by the team for an outstanding contribution.", BadgeTier.Gold, BadgeActivity.Manual, 0, Multiple: false, Revocable: false),
    ];

    private readonly Dictionary<string, Badge> _byId = badges.ToDictionary(b => b.Id, StringComparer.Ordinal);

    public IReadOnlyList<Badge> All { get; } = badges;

    public Badge? Find(string id) => _byId.GetValueOrDefault(id);

    public IEnumerable<Badge> For(BadgeActivity activity) => All.Where(b => b.Activity == activity);

    /// <summary>At most this many badges show next to a name.</summary>
    public const int FlairSize = 3;

    /// <summary>
    /// The badges worth showing next to a member's name, given those they hold (with when): of each activity's ladder
    /// only the highest tier (Recruiter III, not also I and II), each manual badge once; highest tier first, then the
    /// most recent; at most <see cref="FlairSize"/>.
    /// </summary>
    public IReadOnlyList<Badge> FlairOf(IEnumerable<(string Badge, DateTimeOffset At)> held) =>
    [
        .. held.Select(h => (Badge: Find(h.Badge), h.At))
            .Where(h => h.Badge is { Flair: true })
            .GroupBy(h => h.Badge!.IsManual ? h.Badge.Id : Badge.ActivityName(h.Badge.Activity), StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(h => h.Badge!.Tier).ThenByDescending(h => h.At).First())
            .OrderByDescending(h => h.Badge!.Tier).ThenByDescending(h => h.At)
            .Take(FlairSize)
            .Select(h => h.Badge!),
    ];
}
