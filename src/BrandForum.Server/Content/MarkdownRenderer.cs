using System.Collections.Concurrent;
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
    /// <summary>Far more than the posts being written at once on a node; each entry is taken by its projection.</summary>
    private const int MaxAhead = 256;

    private readonly MentionLinker _mentions = new(sanitizer);
    private readonly ConcurrentDictionary<string, (string Html, IReadOnlyList<string> Mentioned)> _ahead = new(StringComparer.Ordinal);

    /// <summary>The Markdig pipeline posts go through (public so benchmarks compare against Markdig alone on the same settings).</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseTaskLists()
        .UseAutoLinks()
        .DisableHtml()
        .Build();

    public string Render(string markdown) => RenderPost(markdown).Html;

    /// <summary>
    /// Renders a post that is about to be appended, before its write begins, and keeps the result for
    /// <see cref="RenderPost"/>. Rendering is the costliest part of publishing a post (hundreds of µs), and the
    /// inline projection that needs it runs where writes take turns — the topic's write turn, PostgreSQL's group
    /// writer, SQLite's one writer — so rendering there would make every other writer wait for it. Output is a pure
    /// function of the Markdown, so a result kept here is the result the projection would compute.
    /// </summary>
    public void RenderAhead(string markdown)
    {
        if (_ahead.Count >= MaxAhead)
        {
            // Results whose append was refused are never taken; starting over bounds them.
            _ahead.Clear();
        }

        _ahead[markdown] = Compute(markdown);
    }

    /// <summary>The safe HTML and who the post mentions (user names as written, each once).</summary>
    public (string Html, IReadOnlyList<string> Mentioned) RenderPost(string markdown) =>
        _ahead.TryRemove(markdown, out var rendered) ? rendered : Compute(markdown);

    private (string Html, IReadOnlyList<string> Mentioned) Compute(string markdown)
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
