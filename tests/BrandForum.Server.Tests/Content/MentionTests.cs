using BrandForum.Server.Content;

namespace BrandForum.Server.Tests.Content;

public sealed class MentionTests
{
    private static readonly PostSanitizer Sanitizer = new("forum.example");
    private static readonly MarkdownRenderer Renderer = new(Sanitizer);

    [Fact]
    public void LinksMentionsToProfiles()
    {
        var html = Renderer.Render("Thanks @alice and @Bob_42, see you!");

        Assert.Contains("<a href=\"/u/alice\">@alice</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/u/Bob_42\">@Bob_42</a>", html, StringComparison.Ordinal);
        Assert.Empty(SafeHtmlChecks.Problems(html, Sanitizer.Sanitize));
    }

    [Theory]
    [InlineData("mail me at bob@example.com")]
    [InlineData("`@alice` in code")]
    [InlineData("[@alice](https://example.com)")]
    [InlineData("@ab is too short")]
    public void LeavesEmailsCodeLinksAndNonNamesAlone(string markdown)
    {
        var html = Renderer.Render(markdown);

        Assert.DoesNotContain("href=\"/u/", html, StringComparison.Ordinal);
    }

    [Fact]
    public void KeepsMentionsSafeAndIdempotent()
    {
        var html = Renderer.Render("@alice <img src=x onerror=alert(1)> **@bob**\n\n```\n@carol\n```");

        Assert.Contains("<strong><a href=\"/u/bob\">@bob</a></strong>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/u/carol", html, StringComparison.Ordinal);
        Assert.Empty(SafeHtmlChecks.Problems(html, Sanitizer.Sanitize));
    }
}
