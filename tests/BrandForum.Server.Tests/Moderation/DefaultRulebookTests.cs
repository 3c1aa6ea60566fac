using BrandForum.Domain.Moderation;
using BrandForum.Server.Moderation;

namespace BrandForum.Server.Tests.Moderation;

/// <summary>The rules a new forum starts with do what the README says, in French and in English.</summary>
public sealed class DefaultRulebookTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly AuthorFacts Regular = new(2, Now.AddDays(-90), 120, new HashSet<string> { "Member" }, false);
    private static readonly AuthorFacts Newcomer = new(0, Now.AddHours(-1), 0, new HashSet<string> { "Member" }, false);
    private static readonly CompiledRulebook Default = RuleEngine.Compile(RulebookYaml.Parse(RulebookYaml.DefaultYaml(), 1).Rulebook!);

    private static Verdict Check(string text, AuthorFacts? author = null, IReadOnlyList<string>? links = null, int mentions = 0, IReadOnlyList<RecentPost>? recent = null) =>
        RuleEngine.Evaluate(Default, new Submission(ContentKind.Reply, "general", text, links ?? [], mentions, author ?? Regular, recent ?? [], Now));

    [Fact]
    public void ItParses() => Assert.True(RulebookYaml.Parse(RulebookYaml.DefaultYaml()).Errors.Count == 0);

    [Theory]
    [InlineData("Quel CRÉTIN celui-là", "insults-fr")]
    [InlineData("t'es vraiment un abruti", "insults-fr")]
    [InlineData("ta gueule !", "insults-fr")]
    [InlineData("c o n n a r d", "insults-fr")]
    [InlineData("What a m0r0n", "insults-en")]
    [InlineData("oh shut up already", "insults-en")]
    [InlineData("you are so stuuupid", "insults-en")]
    public void InsultsWaitForAModerator(string text, string rule)
    {
        var verdict = Check(text);
        Assert.Equal((rule, RuleAction.Hold), (verdict.Removal?.RuleId, verdict.Removal?.Action));
    }

    [Theory]
    [InlineData("Le crétinisme n'est pas un argument")]
    [InlineData("I love this product, great idea!")]
    [InlineData("Les idées de l'équipe sont super")]
    public void OrdinaryWordsPass(string text) => Assert.True(Check(text).IsClean);

    [Fact]
    public void SpamLinksAreRejectedAndNewcomersLinksHeld()
    {
        Assert.Equal(RuleAction.Reject, Check("gagnez gros", links: ["eu.casino.example"]).Removal?.Action);
        Assert.Equal("new-member-links", Check("mes liens", Newcomer, links: ["a.example", "b.example"]).Removal?.RuleId);
        Assert.True(Check("my links", Regular, links: ["a.example", "b.example"]).IsClean);
    }

    [Fact]
    public void ShoutingMassMentionsDuplicatesAndScamsAreNoticed()
    {
        Assert.Equal("shouting", Check("THIS IS THE WORST PRODUCT I HAVE EVER BOUGHT IN MY LIFE").Removal?.RuleId);
        Assert.Equal("mass-mentions", Check("hello", mentions: 9).Removal?.RuleId);
        Assert.Equal("duplicate-posting", Check("Buy my stuff", recent: [new RecentPost(Now.AddMinutes(-5), "buy my stuff!")]).Removal?.RuleId);
        Assert.Contains(Check("Contactez-moi sur WhatsApp pour doublez votre argent").Others, h => h.RuleId == "scam-phrases");
    }
}
