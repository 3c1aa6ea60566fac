using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BrandForum.Server.Content;

/// <summary>
/// Turns @userName in sanitized HTML into a link to the member's profile. It works on the parsed tree with DOM
/// calls (never by pasting strings into HTML) and skips text inside links, code and pre; the result goes through
/// the sanitizer once more, so a mistake here cannot open a hole.
/// </summary>
public sealed partial class MentionLinker(PostSanitizer sanitizer)
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true });

    /// <summary>The HTML with mentions linked, and the user names mentioned (each once, as written).</summary>
    public (string Html, IReadOnlyList<string> Mentioned) Link(string safeHtml)
    {
        if (!safeHtml.Contains('@', StringComparison.Ordinal))
        {
            return (safeHtml, []);
        }

        var mentioned = new List<string>();
        var document = Parser.ParseDocument("<!doctype html><html><body>" + safeHtml);
        foreach (var text in TextNodes(document.Body!).ToList())
        {
            var matches = Mention().Matches(text.Data);
            if (matches.Count == 0)
            {
                continue;
            }

            var parent = text.Parent!;
            var last = 0;
            foreach (Match match in matches)
            {
                parent.InsertBefore(document.CreateTextNode(text.Data[last..match.Index]), text);
                var link = document.CreateElement("a");
                link.SetAttribute("href", "/u/" + Uri.EscapeDataString(match.Groups[1].Value));
                link.TextContent = match.Value;
                if (!mentioned.Contains(match.Groups[1].Value, StringComparer.OrdinalIgnoreCase))
                {
                    mentioned.Add(match.Groups[1].Value);
                }

                parent.InsertBefore(link, text);
                last = match.Index + match.Length;
            }

            parent.InsertBefore(document.CreateTextNode(text.Data[last..]), text);
            parent.RemoveChild(text);
        }

        return (mentioned.Count == 0 ? safeHtml : sanitizer.Sanitize(document.Body!.InnerHtml), mentioned);
    }

    private static IEnumerable<IText> TextNodes(INode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child is IText text)
            {
                yield return text;
            }
            else if (child is IElement { LocalName: not ("a" or "code" or "pre") } element)
            {
                foreach (var inner in TextNodes(element))
                {
                    yield return inner;
                }
            }
        }
    }

    /// <summary>A user name after an @ that does not follow a letter or digit (so emails are left alone); group 1 is the name.</summary>
    [GeneratedRegex(@"(?<![\p{L}\p{N}_.@-])@([A-Za-z0-9_.-]{3,20})(?![A-Za-z0-9_-])")]
    internal static partial Regex Mention();
}
