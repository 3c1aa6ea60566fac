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

    /// <summary>Results rendered ahead, by Markdown, with how many posts rendered it and are yet to take it.</summary>
    private readonly ConcurrentDictionary<string, (Rendered Result, int Takers)> _ahead = new(StringComparer.Ordinal);

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
    /// <remarks>
    /// Posts with the same Markdown written at once each render it here and each take one result: kept as one
    /// entry with a count of takers, not overwritten, so the second post's projection does not find it gone and
    /// render again inside the write turn (it did, for every reply but one of a batch with the same text).
    /// </remarks>
    public void RenderAhead(string markdown)
    {
        if (_ahead.Count >= MaxAhead)
        {
            // Results whose append was refused are never taken; starting over bounds them.
            _ahead.Clear();
        }

        var rendered = Compute(markdown);
        _ahead.AddOrUpdate(markdown, (rendered, 1), (_, kept) => (rendered, kept.Takers + 1));
    }

    /// <summary>The safe HTML and who the post mentions (user names as written, each once).</summary>
    public (string Html, IReadOnlyList<string> Mentioned) RenderPost(string markdown)
    {
        while (_ahead.TryGetValue(markdown, out var kept))
        {
            var taken = kept.Takers > 1
                ? _ahead.TryUpdate(markdown, (kept.Result, kept.Takers - 1), kept)
                : _ahead.TryRemove(new KeyValuePair<string, (Rendered, int)>(markdown, kept));
            if (taken)
            {
                return (kept.Result.Html, kept.Result.Mentioned);
            }
        }

        var computed = Compute(markdown);
        return (computed.Html, computed.Mentioned);
    }

    private Rendered Compute(string markdown)
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

        IReadOnlyList<string> mentioned = [];
        var html = sanitizer.Sanitize(document.ToHtml(Pipeline), markdown.Contains('@', StringComparison.Ordinal) ? body => mentioned = MentionLinker.LinkIn(body) : null);
        return new Rendered(html, mentioned);
    }

    /// <summary>A class (not a tuple) so that an entry compares by reference in <see cref="RenderPost"/>'s updates.</summary>
    private sealed class Rendered(string html, IReadOnlyList<string> mentioned)
    {
        public string Html { get; } = html;

        public IReadOnlyList<string> Mentioned { get; } = mentioned;
    }
}
