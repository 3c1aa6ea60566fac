using BrandForum.Domain.Moderation;
using BrandForum.Server.Moderation;

namespace BrandForum.Server.Tests.Moderation;

public sealed class RulebookYamlTests
{
    private const string ApiExample = """
        rules:
          - id: no-insults
            description: Insults wait for a moderator
            when:
              text: { any: [crétin, idiot, "abrut*"] }
            action: hold
            message: Votre message sera relu par l'équipe avant publication.
          - id: no-spam-domains
            when:
              links: { domains: [spam.example, "*.casino.example"] }
            action: reject
            message: Ce lien n'est pas autorisé ici.
          - id: new-members-links
            scope: { kinds: [topic, reply] }
            when:
              author: { trustLevelBelow: 1 }
              links: { atLeast: 2 }
            action: hold
          - id: shouting
            when:
              caps: { ratioAtLeast: 0.7, minLetters: 20 }
            action: flag
        """;

    [Fact]
    public void ReadsTheDocumentedExample()
    {
        var (rulebook, errors) = RulebookYaml.Parse(ApiExample, version: 3);

        Assert.Empty(errors);
        Assert.Equal(["no-insults", "no-spam-domains", "new-members-links", "shouting"], rulebook!.Rules.Select(r => r.Id));
        Assert.Equal(3, rulebook.Version);
        Assert.Equal(["crétin", "idiot", "abrut*"], rulebook.Rules[0].When.Text!.Any);
        Assert.Equal(RuleAction.Reject, rulebook.Rules[1].Action);
        Assert.Equal([ContentKind.Topic, ContentKind.Reply], rulebook.Rules[2].Scope.Kinds);
        Assert.Equal((1, 2), (rulebook.Rules[2].When.Author!.TrustLevelBelow, rulebook.Rules[2].When.Links!.AtLeast));
        Assert.Equal(0.7, rulebook.Rules[3].When.Caps!.RatioAtLeast);
    }

    [Fact]
    public void ReportsEveryMistakeWithItsLineAndColumn()
    {
        var (rulebook, errors) = RulebookYaml.Parse("""
            rules:
              - id: Bad Id
                when:
                  txt: { any: [x] }
                action: explode
              - description: no id, no action
              - id: regex
                when:
                  text: { regex: "(unclosed" }
                action: flag
                colour: red
            """);

        Assert.Null(rulebook);
        Assert.Contains(errors, e => e is { Line: 2, Column: 9 } && e.Message.Contains("rule id", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: 4, Column: 7 } && e.Message.Contains("Unknown key 'txt'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: 5, Column: 13 } && e.Message.Contains("reject, hold, flag", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("needs an 'id'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 6 && e.Message.Contains("needs an 'action'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Line == 9 && e.Message.Contains("regular expression", StringComparison.Ordinal));
        Assert.Contains(errors, e => e is { Line: 11, Column: 5 } && e.Message.Contains("Unknown key 'colour'", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("rules: [", 2)] // an unclosed list: reported where the text ends
    [InlineData("just text", 1)]
    [InlineData("rules:\n  - id: a\n    action: flag\n  - id: a\n    action: hold", 1)]
    [InlineData("rules:\n  - id: s\n    action: silence", 2)]
    public void RefusesBrokenRulebooks(string yaml, int line)
    {
        var (rulebook, errors) = RulebookYaml.Parse(yaml);
        Assert.Null(rulebook);
        Assert.Equal(line, errors[0].Line);
    }
}
