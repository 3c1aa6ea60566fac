using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BrandForum.Server.Moderation;

/// <summary>What rules look at in a post's Markdown besides its words: the hosts it links to and how many people it mentions.</summary>
public static partial class PostFacts
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().DisableHtml().Build();

    /// <summary>The host of every absolute link and image (lower case), in order, repeats included.</summary>
    public static IReadOnlyList<string> LinkHosts(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        var urls = document.Descendants<LinkInline>().Select(l => l.Url).Concat(document.Descendants<AutolinkInline>().Select(a => a.Url));
        return [.. urls.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host.ToLowerInvariant() : null).OfType<string>()];
    }

    /// <summary>Distinct @userNames, written as mentions are linked (not after a letter, so emails do not count).</summary>
    public static int MentionCount(string markdown) =>
        Mention().Matches(markdown).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Count();

    [GeneratedRegex(@"(?<![\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]{3,20})(?![A-Za-z0-9_-])")]
    private static partial Regex Mention();
}
