using BrandForum.Server.Content;

namespace BrandForum.Server.Tests.Content;

/// <summary>A post rendered ahead of its write is not rendered again by its projection, even when another post has the same text.</summary>
public sealed class RenderAheadTests
{
    private const string Body = "Same here, @alice: **update the firmware**.";

    [Fact]
    public void EachPostRenderedAheadTakesAResultAndOnlyThose()
    {
        var renderer = new MarkdownRenderer(new PostSanitizer("forum.example"));
        renderer.RenderAhead(Body);
        renderer.RenderAhead(Body);

        var first = renderer.RenderPost(Body);
        var second = renderer.RenderPost(Body);
        var notAhead = renderer.RenderPost(Body);

        // Taken results are the kept instance; a post not rendered ahead is rendered then, to the same HTML.
        Assert.Same(first.Html, second.Html);
        Assert.NotSame(first.Html, notAhead.Html);
        Assert.Equal(first.Html, notAhead.Html);
        Assert.Equal(["alice"], second.Mentioned);
    }
}
