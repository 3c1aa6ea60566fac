using System.Text;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BrandForum.Server.Content;

/// <summary>
/// The allowlist sanitizer. It parses with a browser-grade HTML5 parser (AngleSharp, scripting on, as a
/// browser would) and then <b>rebuilds</b> the output from the nodes it allows, writing and escaping every
/// character itself; it never edits the input string. Foreign content (svg, math), raw-text and embedding
/// elements, forms, comments and everything unknown-but-dangerous are dropped with their content; unknown
/// harmless tags are unwrapped. The result is idempotent and parses back to the same tree.
/// </summary>
public sealed partial class PostSanitizer(string? forumHost = null)
{
    public const int MaxDepth = 64;

    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true });

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "del", "s", "code", "pre", "blockquote",
        "ul", "ol", "li", "a", "img", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub", "kbd", "mark", "span",
        "div", "aside", "input",
    };

    /// <summary>Dropped together with everything inside them.</summary>
    private static readonly HashSet<string> DroppedWithContent = new(StringComparer.Ordinal)
    {
        "script", "style", "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "iframe", "frame", "frameset",
        "object", "embed", "applet", "param", "textarea", "title", "select", "option", "optgroup", "datalist",
        "selectedcontent", "svg", "math", "form", "button", "base", "meta", "link", "video", "audio", "source", "track",
        "map", "area", "canvas", "portal", "dialog", "head", "keygen", "isindex", "listing",
    };

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal) { "br", "hr", "img", "input" };

    public string Sanitize(string html) => Sanitize(html, edit: null);

    /// <summary>
    /// Sanitizes after <paramref name="edit"/> changed the parsed tree (with DOM calls): what the edit adds is
    /// rebuilt from the allowlist like the rest, so it needs no parse of its own and cannot open a hole.
    /// </summary>
    public string Sanitize(string html, Action<IElement>? edit)
    {
        var document = Parser.ParseDocument("<!doctype html><html><body>" + html);
        edit?.Invoke(document.Body!);
        var output = new StringBuilder(html.Length);
        WriteChildren(document.Body!, output, 0);
        return output.ToString();
    }

    private void WriteChildren(INode parent, StringBuilder output, int depth)
    {
        foreach (var child in parent.ChildNodes)
        {
            switch (child)
            {
                case IText text:
                    WriteText(text.Data, output);
                    break;
                case IElement element:
                    WriteElement(element, output, depth);
                    break;
                default:
                    break; // comments, processing instructions, doctypes: never emitted
            }
        }
    }

    private void WriteElement(IElement element, StringBuilder output, int depth)
    {
        var name = element.LocalName;
        if (element.NamespaceUri != AngleSharp.Dom.NamespaceNames.HtmlUri || DroppedWithContent.Contains(name))
        {
            return;
        }

        if (!Allowed.Contains(name) || depth >= MaxDepth)
        {
            // Unknown tags, and anything nested absurdly deep, keep only their content.
            WriteChildren(element, output, depth);
            return;
        }

        if (name == "input" && !IsTaskCheckbox(element))
        {
            return;
        }

        if (name == "a" && element.GetAttribute("href") is { } href && (href.Trim().Length == 0 || !SafeUrls.IsSafe(href, allowMailto: true)))
        {
            WriteChildren(element, output, depth); // the link goes, its text stays
            return;
        }

        if (name == "img" && (element.GetAttribute("src") is not { } src || src.Trim().Length == 0 || !SafeUrls.IsSafe(src, allowMailto: false)))
        {
            return;
        }

        output.Append('<').Append(name);
        foreach (var (attribute, value) in AllowedAttributes(element))
        {
            output.Append(' ').Append(attribute).Append("=\"");
            WriteAttributeValue(value, output);
            output.Append('"');
        }

        output.Append('>');
        if (Void.Contains(name))
        {
            return;
        }

        if (name == "pre" && element.FirstChild is IText { Data: ['\n', ..] })
        {
            // The parser eats one newline right after <pre>; write one more so a round trip keeps the text.
            output.Append('\n');
        }

        WriteChildren(element, output, depth + 1);
        output.Append("</").Append(name).Append('>');
    }

    private IEnumerable<(string Name, string Value)> AllowedAttributes(IElement element)
    {
        var name = element.LocalName;
        switch (name)
        {
            case "a":
                if (element.GetAttribute("href") is { } href)
                {
                    yield return ("href", href);
                    if (SafeUrls.IsExternal(href, forumHost))
                    {
                        yield return ("rel", "nofollow ugc noopener");
                    }
                }

                if (element.GetAttribute("title") is { } linkTitle)
                {
                    yield return ("title", linkTitle);
                }

                break;
            case "img":
                yield return ("src", element.GetAttribute("src")!);
                foreach (var attribute in (string[])["alt", "title"])
                {
                    if (element.GetAttribute(attribute) is { } value)
                    {
                        yield return (attribute, value);
                    }
                }

                foreach (var attribute in (string[])["width", "height"])
                {
                    if (element.GetAttribute(attribute) is { } value && value.Length <= 4 && value.All(char.IsAsciiDigit))
                    {
                        yield return (attribute, value);
                    }
                }

                break;
            case "ol" when element.GetAttribute("start") is { } start && start.Length <= 9 && start.All(char.IsAsciiDigit):
                yield return ("start", start);
                break;
            case "th" or "td":
                foreach (var attribute in (string[])["colspan", "rowspan"])
                {
                    if (element.GetAttribute(attribute) is { } value && value.Length <= 3 && value.All(char.IsAsciiDigit))
                    {
                        yield return (attribute, value);
                    }
                }

                // Markdig writes table alignment as a style; styles are never allowed, so it becomes a class.
                var style = element.GetAttribute("style") ?? "";
                var align = AlignClass(style) ?? AlignClass(element.ClassName ?? "");
                if (align is not null)
                {
                    yield return ("class", align);
                }

                break;
            case "input":
                yield return ("type", "checkbox");
                yield return ("disabled", "");
                if (element.HasAttribute("checked"))
                {
                    yield return ("checked", "");
                }

                break;
        }

        if (name is "code" or "li" or "ul" or "span" && AllowedClass(name, element.ClassName) is { } safeClass)
        {
            yield return ("class", safeClass);
        }

        if (element.GetAttribute("id") is { Length: > 0 } id && IdShape().IsMatch(id))
        {
            yield return ("id", id.StartsWith("user-content-", StringComparison.Ordinal) ? id : "user-content-" + id);
        }
    }

    private static string? AlignClass(string text) =>
        text.Contains("left", StringComparison.OrdinalIgnoreCase) ? "align-left"
        : text.Contains("right", StringComparison.OrdinalIgnoreCase) ? "align-right"
        : text.Contains("center", StringComparison.OrdinalIgnoreCase) ? "align-center"
        : null;

    private static string? AllowedClass(string element, string? classes)
    {
        if (string.IsNullOrWhiteSpace(classes))
        {
            return null;
        }

        var kept = classes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(c => element switch
        {
            "code" => LanguageClass().IsMatch(c),
            "li" => c == "task-list-item",
            "ul" => c == "contains-task-list",
            "span" => c == "mention",
            _ => false,
        }).ToList();
        return kept.Count == 0 ? null : string.Join(' ', kept);
    }

    private static bool IsTaskCheckbox(IElement input) =>
        string.Equals(input.GetAttribute("type"), "checkbox", StringComparison.OrdinalIgnoreCase) && input.HasAttribute("disabled")
        && input.ParentElement?.LocalName == "li";

    private static void WriteText(string text, StringBuilder output) => Escape(text, output, attribute: false);

    private static void WriteAttributeValue(string value, StringBuilder output) => Escape(value, output, attribute: true);

    /// <summary>Our own escaping: the output never depends on how a library serialises.</summary>
    private static void Escape(string text, StringBuilder output, bool attribute)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => output.Append("&amp;"),
                '<' => output.Append("&lt;"),
                '>' => output.Append("&gt;"),
                '"' when attribute => output.Append("&quot;"),
                '\u00A0' => output.Append("&nbsp;"),
                '\0' => output,
                _ => output.Append(c),
            };
        }
    }

    [GeneratedRegex("^language-[a-z0-9+#-]{1,30}$")]
    private static partial Regex LanguageClass();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_-]{0,60}$")]
    private static partial Regex IdShape();
}
