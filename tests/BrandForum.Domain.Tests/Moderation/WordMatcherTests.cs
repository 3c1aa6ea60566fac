using BrandForum.Domain.Moderation;

namespace BrandForum.Domain.Tests.Moderation;

public sealed class WordMatcherTests
{
    private static readonly WordMatcher Insults = new(["crétin", "idiot", "abrut*", "*connard", "n*ul"]);

    [Theory]
    [InlineData("Quel crétin !", "crétin")]
    [InlineData("quel CRETIN", "crétin")]
    [InlineData("What an idiot.", "idiot")]
    [InlineData("Espèce d'abruti", "abrut*")]
    [InlineData("ABRUTIS, tous", "abrut*")]
    [InlineData("gros connard", "*connard")]
    [InlineData("supraconnard", "*connard")]
    [InlineData("t'es nul", "n*ul")]
    public void FindsWordsWhateverTheirCaseAccentsOrEnding(string text, string word) =>
        Assert.Contains(word, Insults.Find(text));

    [Theory]
    [InlineData("idiooooot")]
    [InlineData("i d i o t")]
    [InlineData("i.d.i.o.t")]
    [InlineData("1d10t")]
    [InlineData("id-iot")]
    [InlineData("1d!0t")]
    [InlineData("idiot!")]
    public void SeesThroughSimpleEvasions(string text) =>
        Assert.Contains("idiot", Insults.Find($"you {text} you"));

    [Theory]
    [InlineData("idiotic ideas")]
    [InlineData("the idiom")]
    [InlineData("crétinisme")]
    [InlineData("a kid I know")]
    [InlineData("dio t")]
    public void MatchesWholeWordsOnly(string text) =>
        Assert.Empty(Insults.Find(text));

    [Theory]
    [InlineData("Oh, SHUT UP!", true)]
    [InlineData("shut... up", true)]
    [InlineData("shut the door, up there", false)]
    public void PhrasesMatchWordsInARow(string text, bool matches) =>
        Assert.Equal(matches, new WordMatcher(["shut up"]).Find(text).Contains("shut up"));

    [Fact]
    public void NumbersStayNumbers() =>
        Assert.Empty(new WordMatcher(["ioo"]).Find("It costs 100 euros"));
}
