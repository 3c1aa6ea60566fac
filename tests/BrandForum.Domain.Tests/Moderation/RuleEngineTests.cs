using BrandForum.Domain.Moderation;

namespace BrandForum.Domain.Tests.Moderation;

public sealed class RuleEngineTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuthorFacts Member = new(1, Now.AddDays(-30), 40, new HashSet<string> { "Member" }, false);
    private static readonly AuthorFacts Newcomer = new(0, Now.AddHours(-2), 0, new HashSet<string> { "Member" }, false);
    private static readonly AuthorFacts Moderator = new(3, Now.AddDays(-300), 900, new HashSet<string> { "Member", "Moderator" }, true);

    private static Rule Rule(string id, RuleAction action, RuleConditions when, RuleScope? scope = null, bool includeStaff = false) =>
        new(id, null, scope ?? RuleScope.Everywhere, when, action, $"{id} says no", IncludeStaff: includeStaff);

    private static TextCondition Words(params string[] any) => new(any, [], null);

    private static Submission Post(string text, AuthorFacts? author = null, ContentKind kind = ContentKind.Reply, string category = "general",
        IReadOnlyList<string>? links = null, int mentions = 0, IReadOnlyList<RecentPost>? recent = null, IReadOnlySet<string>? overruled = null) =>
        new(kind, category, text, links ?? [], mentions, author ?? Member, recent ?? [], Now, overruled);

    private static Verdict Evaluate(Submission post, params Rule[] rules) => RuleEngine.Evaluate(RuleEngine.Compile(new Rulebook(7, rules)), post);

    [Fact]
    public void TheMostSevereRemovalWinsAndTheOtherActionsAllApply()
    {
        var verdict = Evaluate(
            Post("Quel crétin, achetez sur https://spam.example"),
            Rule("insults", RuleAction.Hold, new(Text: Words("crétin"))),
            Rule("spam", RuleAction.Reject, new(Text: Words("achetez"))),
            Rule("watch", RuleAction.Flag, new(Text: Words("quel"))),
            Rule("mask", RuleAction.Censor, new(Text: Words("cretin"))),
            Rule("notify", RuleAction.Notify, new(Text: Words("spam"))));

        Assert.Equal(("spam", RuleAction.Reject, "spam says no"), (verdict.Removal!.RuleId, verdict.Removal.Action, verdict.Removal.Message));
        Assert.Equal(["mask", "notify"], verdict.Others.Select(h => h.RuleId));
        Assert.Equal(["cretin"], verdict.Others[0].Words);
        Assert.Equal(7, verdict.RulebookVersion);
    }

    [Fact]
    public void HoldBeatsFlag() =>
        Assert.Equal("insults", Evaluate(Post("idiot"), Rule("watch", RuleAction.Flag, new(Text: Words("idiot"))), Rule("insults", RuleAction.Hold, new(Text: Words("idiot")))).Removal!.RuleId);

    [Fact]
    public void ConditionsAreAllRequired()
    {
        var rule = Rule("new-links", RuleAction.Hold, new(Links: new LinksCondition(2, []), Author: new AuthorCondition(1, null, null, [], [])));
        Assert.NotNull(Evaluate(Post("a", Newcomer, links: ["a.example", "b.example"]), rule).Removal);
        Assert.Null(Evaluate(Post("a", Member, links: ["a.example", "b.example"]), rule).Removal);
        Assert.Null(Evaluate(Post("a", Newcomer, links: ["a.example"]), rule).Removal);
    }

    [Fact]
    public void WordListsAnyAllAndRegex()
    {
        Assert.NotNull(Evaluate(Post("free money now"), Rule("all", RuleAction.Flag, new(Text: new TextCondition([], ["free", "money"], null)))).Removal);
        Assert.Null(Evaluate(Post("free time"), Rule("all", RuleAction.Flag, new(Text: new TextCondition([], ["free", "money"], null)))).Removal);
        Assert.NotNull(Evaluate(Post("Call 06 12 34 56 78"), Rule("phone", RuleAction.Hold, new(Text: new TextCondition([], [], @"\b0\d( ?\d\d){4}\b")))).Removal);
        Assert.Null(Evaluate(Post("Call me"), Rule("phone", RuleAction.Hold, new(Text: new TextCondition([], [], @"\b0\d( ?\d\d){4}\b")))).Removal);
    }

    [Theory]
    [InlineData("spam.example", true)]
    [InlineData("www.spam.example", true)]
    [InlineData("notspam.example", false)]
    [InlineData("eu.casino.example", true)]
    [InlineData("casino.example", false)]
    public void LinkDomainsCoverSubdomains(string host, bool matches) =>
        Assert.Equal(matches, Evaluate(Post("look", links: [host]), Rule("domains", RuleAction.Reject, new(Links: new LinksCondition(null, ["spam.example", "*.casino.example"])))).Removal is not null);

    [Fact]
    public void ShoutingMentionsAndLength()
    {
        var shouting = Rule("caps", RuleAction.Flag, new(Caps: new CapsCondition(0.7, 20)));
        Assert.NotNull(Evaluate(Post("THIS PRODUCT IS THE WORST EVER!!!"), shouting).Removal);
        Assert.Null(Evaluate(Post("OK"), shouting).Removal);
        Assert.Null(Evaluate(Post("This product is the worst ever, honestly"), shouting).Removal);
        Assert.NotNull(Evaluate(Post("hi all", mentions: 6), Rule("mass", RuleAction.Hold, new(Mentions: new MentionsCondition(5)))).Removal);
        Assert.NotNull(Evaluate(Post("k"), Rule("short", RuleAction.Flag, new(Length: new LengthCondition(null, 3)))).Removal);
    }

    [Fact]
    public void RateAndDuplicatesLookAtTheAuthorsRecentPosts()
    {
        var recent = new[] { new RecentPost(Now.AddMinutes(-1), "Buy now!"), new RecentPost(Now.AddMinutes(-2), "x"), new RecentPost(Now.AddHours(-3), "y") };
        Assert.NotNull(Evaluate(Post("again", recent: recent), Rule("rate", RuleAction.Hold, new(Rate: new RateCondition(3, 10)))).Removal);
        Assert.Null(Evaluate(Post("again", recent: recent), Rule("rate", RuleAction.Hold, new(Rate: new RateCondition(4, 10)))).Removal);
        Assert.NotNull(Evaluate(Post("BUY NOW", recent: recent), Rule("dup", RuleAction.Flag, new(Duplicate: new DuplicateCondition(5)))).Removal);
        Assert.Null(Evaluate(Post("y", recent: recent), Rule("dup", RuleAction.Flag, new(Duplicate: new DuplicateCondition(5)))).Removal);
    }

    [Fact]
    public void ScopesLimitWhereAndWhen()
    {
        var rule = Rule("scoped", RuleAction.Hold, new(Text: Words("idiot")), new RuleScope(["help"], [ContentKind.Topic]));
        Assert.NotNull(Evaluate(Post("idiot", kind: ContentKind.Topic, category: "help"), rule).Removal);
        Assert.Null(Evaluate(Post("idiot", kind: ContentKind.Reply, category: "help"), rule).Removal);
        Assert.Null(Evaluate(Post("idiot", kind: ContentKind.Topic, category: "news"), rule).Removal);
    }

    [Fact]
    public void StaffAreExemptUnlessARuleIncludesThem()
    {
        Assert.True(Evaluate(Post("idiot", Moderator), Rule("insults", RuleAction.Hold, new(Text: Words("idiot")))).IsClean);
        Assert.NotNull(Evaluate(Post("idiot", Moderator), Rule("insults", RuleAction.Hold, new(Text: Words("idiot")), includeStaff: true)).Removal);
    }

    [Fact]
    public void ARuleNeverOverridesAHumanDecision()
    {
        var rules = new[] { Rule("insults", RuleAction.Hold, new(Text: Words("idiot"))), Rule("watch", RuleAction.Flag, new(Text: Words("idiot"))) };
        var verdict = Evaluate(Post("idiot", overruled: new HashSet<string> { "insults" }), rules);
        Assert.Equal("watch", verdict.Removal!.RuleId);
    }

    [Fact]
    public void AuthorRolesAndAge()
    {
        var ambassadorsOnly = Rule("roles", RuleAction.Tag, new(Author: new AuthorCondition(null, null, null, ["Ambassador"], [])));
        var notMembers = Rule("not", RuleAction.Tag, new(Author: new AuthorCondition(null, null, null, [], ["Member"])));
        var young = Rule("young", RuleAction.Flag, new(Author: new AuthorCondition(null, 24, 5, [], [])));
        Assert.True(Evaluate(Post("hi"), ambassadorsOnly).IsClean);
        Assert.True(Evaluate(Post("hi"), notMembers).IsClean);
        Assert.NotNull(Evaluate(Post("hi", Newcomer), young).Removal);
        Assert.Null(Evaluate(Post("hi", Member), young).Removal);
    }

    [Fact]
    public void ARegexThatRunsAwayCountsAsNoMatch() =>
        Assert.True(Evaluate(Post(new string('a', 40) + "!"), Rule("redos", RuleAction.Reject, new(Text: new TextCondition([], [], "^(a+)+$")))).IsClean);
}
