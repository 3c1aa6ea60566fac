using BrandForum.Server.Moderation;

namespace BrandForum.Server.Tests.Moderation;

/// <summary>The hosts rules see in a post's Markdown, including the forms the no-link shortcut must not miss.</summary>
public sealed class PostFactsTests
{
    [Theory]
    [InlineData("No link here, just words & more words.", new string[0])]
    [InlineData("See [the manual](https://Example.com/manual.pdf) and <http://spam.example/x>", new[] { "example.com", "spam.example" })]
    [InlineData("Go to www.bit-cash.example now", new[] { "www.bit-cash.example" })]
    [InlineData("Shouted: [HERE](HTTPS://PROMO.CASINO.EXAMPLE)", new[] { "promo.casino.example" })]
    [InlineData("Encoded: [click](&#104;ttps://evil.example/)", new[] { "evil.example" })]
    [InlineData("Reference: [click][1]\n\n[1]: https://ref.example/page", new[] { "ref.example" })]
    [InlineData("Mail me at [me](mailto:me@example.com) or ftp://files.example", new string[0])]
    public void FindsTheHostOfEveryWebLink(string markdown, string[] hosts) =>
        Assert.Equal(hosts, PostFacts.LinkHosts(markdown));
}
