extern alias server;

using BenchmarkDotNet.Attributes;
using BrandForum.Domain.Moderation;
using server::BrandForum.Server.Moderation;

namespace BrandForum.Benchmarks;

/// <summary>
/// The rules engine on a 2 kB post (<see cref="RenderBenchmarks.Post"/>): the default rulebook alone, then with 200
/// extra rules of the kinds CMs write (word lists with wildcards and phrases, link domains, shouting, length, a few
/// regular expressions). Baseline: reading the post into words, which every evaluation does once.
/// </summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 10, 0, 0, TimeSpan.Zero);
    private readonly CompiledRulebook _default = RuleEngine.Compile(RulebookYaml.Parse(RulebookYaml.DefaultYaml(), 1).Rulebook!);
    private readonly CompiledRulebook _large = RuleEngine.Compile(WithExtraRules(RulebookYaml.Parse(RulebookYaml.DefaultYaml(), 1).Rulebook!, 200));
    private readonly Submission _post = new(
        ContentKind.Reply, "general", RenderBenchmarks.Post, ["docs.example.com", "www.example.org"], 2,
        new AuthorFacts(1, Now.AddDays(-40), 25, new HashSet<string> { "Member" }, false),
        [new RecentPost(Now.AddMinutes(-30), "An earlier post"), new RecentPost(Now.AddHours(-5), "Another one")], Now);

    [Benchmark(Baseline = true, Description = "read the post into words")]
    public int Tokens() => WordMatcher.Tokens(_post.Text).Count;

    [Benchmark(Description = "default rulebook")]
    public Verdict DefaultRulebook() => RuleEngine.Evaluate(_default, _post);

    [Benchmark(Description = "default + 200 rules")]
    public Verdict LargeRulebook() => RuleEngine.Evaluate(_large, _post);

    /// <summary>Deterministic extra rules: mostly word lists, some domains, shouting and length checks, a few regexes.</summary>
    public static Rulebook WithExtraRules(Rulebook rulebook, int count)
    {
        var random = new Random(42);
        string Word() => new([.. Enumerable.Range(0, random.Next(4, 10)).Select(_ => (char)('a' + random.Next(26)))]);
        var extra = Enumerable.Range(0, count).Select(i => (i % 20) switch
        {
            0 => new Rule($"extra-{i}", null, RuleScope.Everywhere, new RuleConditions(Links: new LinksCondition(null, [$"{Word()}.example", $"*.{Word()}.example"])), RuleAction.Reject),
            1 => new Rule($"extra-{i}", null, RuleScope.Everywhere, new RuleConditions(Caps: new CapsCondition(0.8, 40), Length: new LengthCondition(100, null)), RuleAction.Flag),
            2 => new Rule($"extra-{i}", null, RuleScope.Everywhere, new RuleConditions(Text: new TextCondition([], [], $@"\b{Word()}\d{{3,}}\b")), RuleAction.Hold),
            _ => new Rule($"extra-{i}", null, RuleScope.Everywhere, new RuleConditions(Text: new TextCondition(
                [Word(), Word(), Word() + "*", "*" + Word(), $"{Word()} {Word()}"], [], null)), i % 2 == 0 ? RuleAction.Hold : RuleAction.Flag),
        });
        return rulebook with { Rules = [.. rulebook.Rules, .. extra] };
    }
}
