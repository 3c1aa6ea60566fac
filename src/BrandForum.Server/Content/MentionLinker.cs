using System.Text.RegularExpressions;
using AngleSharp.Dom;

namespace BrandForum.Server.Content;

/// <summary>
/// Turns @userName into a link to the member's profile. It works on the parsed tree with DOM calls (never by
/// pasting strings into HTML), skips text inside links, code and pre, and runs inside the sanitizer's one parse
/// (<see cref="PostSanitizer.Sanitize(string, Action{IElement})"/>), so the links it makes are rebuilt from the
/// allowlist like everything else: a mistake here cannot open a hole.
/// </summary>
public static partial class MentionLinker
{
    /// <summary>Links the mentions under <paramref name="body"/>; returns the user names mentioned (each once, as first written).</summary>
    public static IReadOnlyList<string> LinkIn(IElement body)
    {
        var mentioned = new List<string>();
        var document = body.Owner!;
        foreach (var text in TextNodes(body).ToList())
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

        return mentioned;
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
