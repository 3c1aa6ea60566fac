using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace BrandForum.Server.Moderation;

/// <summary>What rules look at in a post's Markdown besides its words: the hosts it links to and how many people it mentions.</summary>
public static class PostFacts
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAutoLinks().DisableHtml().Build();

    /// <summary>The host of every absolute link and image (lower case), in order, repeats included.</summary>
    public static IReadOnlyList<string> LinkHosts(string markdown)
    {
        // Most posts link to nothing, and parsing is most of what this costs. A link counted here has an http(s) URL,
        // which Markdown only writes with "http" in it, or "www." (auto-links), or '&' (a character reference such as
        // "&#104;ttp", decoded by the parser): a text with none of these has no host to find.
        if (!markdown.Contains("http", StringComparison.OrdinalIgnoreCase) && !markdown.Contains("www", StringComparison.OrdinalIgnoreCase) && !markdown.Contains('&', StringComparison.Ordinal))
        {
            return [];
        }

        var document = Markdown.Parse(markdown, Pipeline);
        var urls = document.Descendants<LinkInline>().Select(l => l.Url).Concat(document.Descendants<AutolinkInline>().Select(a => a.Url));
        return [.. urls.Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri.Host.ToLowerInvariant() : null).OfType<string>()];
    }

    /// <summary>Distinct @userNames, recognised exactly as <see cref="Content.MentionLinker"/> links them.</summary>
    public static int MentionCount(string markdown) =>
        Content.MentionLinker.Mention().Matches(markdown).Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct(StringComparer.Ordinal).Count();
}
