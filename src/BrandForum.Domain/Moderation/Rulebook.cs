namespace BrandForum.Domain.Moderation;

/// <summary>What a rule does when it matches, from the most severe (API.md, Rulebook format).</summary>
public enum RuleAction
{
    Reject,
    Hold,
    Flag,
    Censor,
    Tag,
    Notify,
    Silence,
}

public enum ContentKind
{
    Topic,
    Reply,
    Edit,
}

/// <summary>The community's ethics rules as a CM wrote them; <see cref="Version"/> counts publications from 1 (0: a draft).</summary>
public sealed record Rulebook(int Version, IReadOnlyList<Rule> Rules)
{
    public static Rulebook Empty { get; } = new(0, []);
}

/// <summary>
/// One rule: where it applies, what must all hold, and what it does. Staff are exempt unless
/// <see cref="IncludeStaff"/>.
/// </summary>
public sealed record Rule(
    string Id,
    string? Description,
    RuleScope Scope,
    RuleConditions When,
    RuleAction Action,
    string? Message = null,
    int? SilenceHours = null,
    IReadOnlyList<string>? Tags = null,
    bool IncludeStaff = false);

/// <summary>Empty lists mean "everywhere" and "every kind".</summary>
public sealed record RuleScope(IReadOnlyList<string> Categories, IReadOnlyList<ContentKind> Kinds)
{
    public static RuleScope Everywhere { get; } = new([], []);
}

/// <summary>Every condition present must hold (they are ANDed); a rule with none matches everything in its scope.</summary>
public sealed record RuleConditions(
    TextCondition? Text = null,
    LinksCondition? Links = null,
    MentionsCondition? Mentions = null,
    CapsCondition? Caps = null,
    LengthCondition? Length = null,
    AuthorCondition? Author = null,
    RateCondition? Rate = null,
    DuplicateCondition? Duplicate = null);

/// <summary>Words (with <c>*</c> wildcards) of which any / all must appear, or a regular expression.</summary>
public sealed record TextCondition(IReadOnlyList<string> Any, IReadOnlyList<string> All, string? Regex);

/// <summary>At least N links, and/or links to these domains (<c>*.example</c> covers subdomains).</summary>
public sealed record LinksCondition(int? AtLeast, IReadOnlyList<string> Domains);

public sealed record MentionsCondition(int AtLeast);

/// <summary>Shouting: at least this share of capital letters among at least this many letters.</summary>
public sealed record CapsCondition(double RatioAtLeast, int MinLetters);

public sealed record LengthCondition(int? Above, int? Below);

public sealed record AuthorCondition(
    int? TrustLevelBelow, double? AccountAgeBelowHours, int? PostCountBelow, IReadOnlyList<string> Roles, IReadOnlyList<string> NotRoles);

public sealed record RateCondition(int PostsAtLeast, double WithinMinutes);

public sealed record DuplicateCondition(double WithinMinutes);

/// <summary>
/// A rule refused a post outright (nothing was published): recorded for the moderation trail, with the rule and
/// rulebook version, in the author's <c>rejections-{memberId}</c> stream.
/// </summary>
public sealed record SubmissionRejected(Guid MemberId, ContentKind Kind, string Category, Guid? TopicId, string Excerpt, string RuleId, int RulebookVersion, DateTimeOffset At);
