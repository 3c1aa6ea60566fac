using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BrandForum.Server.Content;

/// <summary>
/// Markdown → safe HTML: Markdig with CommonMark, tables, strikethrough, task lists and autolinks, raw HTML and
/// generic attributes off; links and images with an unsafe address are neutralised in the syntax tree first
/// (Markdig decodes entities in them, so "&amp;#106;avascript:" arrives as javascript:), then the HTML goes
/// through the allowlist sanitizer anyway, and @mentions become links to profiles. Markdown is the source of truth
/// kept in the event; this HTML is derived.
/// </summary>
public sealed class MarkdownRenderer(PostSanitizer sanitizer)
{
    private readonly MentionLinker _mentions = new(sanitizer);

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public string Render(string markdown) => RenderPost(markdown).Html;

    /// <summary>The safe HTML and who the post mentions (user names as written, each once).</summary>
    public (string Html, IReadOnlyList<string> Mentioned) RenderPost(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
        {
            if (link.Url is { } url && !SafeUrls.IsSafe(url, allowMailto: !link.IsImage))
            {
                link.Url = "";
            }
        }

        foreach (var autolink in document.Descendants<AutolinkInline>())
        {
            if (!SafeUrls.IsSafe(autolink.Url, allowMailto: true))
            {
                autolink.Url = "";
            }
        }

        return _mentions.Link(sanitizer.Sanitize(document.ToHtml(Pipeline)));
    }
}
