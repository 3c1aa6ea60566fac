using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace BrandForum.Server.Tests.Content;

/// <summary>
/// The properties every sanitized output must have, checked independently of the sanitizer's own code: the
/// output is parsed like a browser would (scripting on, template contents included) and inspected.
/// </summary>
public static partial class SafeHtmlChecks
{
    private static readonly HtmlParser Parser = new(new HtmlParserOptions { IsScripting = true });

    private static readonly HashSet<string> Forbidden =
    [
        "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "param", "form", "button", "textarea",
        "select", "option", "optgroup", "selectedcontent", "datalist", "keygen", "base", "meta", "link", "svg", "math",
        "template", "noscript", "noembed", "noframes", "xmp", "plaintext", "title", "portal", "video", "audio", "source",
        "track", "map", "area", "canvas", "isindex",
    ];

    private static readonly HashSet<string> UrlAttributes =
    [
        "href", "src", "action", "formaction", "poster", "background", "cite", "longdesc", "data", "codebase", "dynsrc", "lowsrc",
        "icon", "manifest", "srcset", "ping",
    ];

    /// <summary>Every broken property, as text; empty when the output is safe.</summary>
    public static IReadOnlyList<string> Problems(string output, Func<string, string> sanitize)
    {
        var problems = new List<string>();
        foreach (var element in AllElements(Parse(output).Body!))
        {
            var name = element.LocalName;
            if (Forbidden.Contains(name) || element.NamespaceUri != NamespaceNames.HtmlUri)
            {
                problems.Add($"forbidden element <{name}>");
            }

            if (name == "input" && !(element.GetAttribute("type") == "checkbox" && element.HasAttribute("disabled")))
            {
                problems.Add("an input that is not a disabled task checkbox");
            }

            foreach (var attribute in element.Attributes)
            {
                var attributeName = attribute.LocalName.ToLowerInvariant();
                if (attributeName.StartsWith("on", StringComparison.Ordinal))
                {
                    problems.Add($"event handler {attributeName} on <{name}>");
                }

                if (attributeName == "style")
                {
                    problems.Add($"style on <{name}>");
                }

                if (UrlAttributes.Contains(attributeName) && !SafeScheme(attribute.Value))
                {
                    problems.Add($"unsafe {attributeName}=\"{attribute.Value}\" on <{name}>");
                }

                if (attributeName is "id" or "name" && !attribute.Value.StartsWith("user-content-", StringComparison.Ordinal))
                {
                    problems.Add($"unprefixed {attributeName}=\"{attribute.Value}\"");
                }
            }

            if (name == "a" && element.GetAttribute("href") is { } href && External(href)
                && !(element.GetAttribute("rel") ?? "").Split(' ').ToHashSet().IsSupersetOf(["nofollow", "ugc", "noopener"]))
            {
                problems.Add($"external link without rel=\"nofollow ugc noopener\": {href}");
            }
        }

        if (sanitize(output) != output)
        {
            problems.Add("not idempotent: sanitizing the output changes it");
        }

        var once = Parse(output).Body!.InnerHtml;
        if (Parse(once).Body!.InnerHtml != once)
        {
            problems.Add("not stable when re-parsed");
        }

        return problems;
    }

    public static string TextOf(string html) => Parse(html).Body!.TextContent;

    private static IDocument Parse(string html) => Parser.ParseDocument("<!doctype html><html><body>" + html);

    private static IEnumerable<IElement> AllElements(INode root)
    {
        foreach (var child in root.ChildNodes.OfType<IElement>())
        {
            yield return child;
            foreach (var inner in AllElements(child))
            {
                yield return inner;
            }

            if (child is AngleSharp.Html.Dom.IHtmlTemplateElement template)
            {
                foreach (var inner in AllElements(template.Content))
                {
                    yield return inner;
                }
            }
        }
    }

    private static bool SafeScheme(string value)
    {
        var compact = ControlAndSpace().Replace(value, "").ToLowerInvariant();
        var scheme = Scheme().Match(compact);
        return !scheme.Success || scheme.Groups[1].Value is "http" or "https" or "mailto";
    }

    private static bool External(string href)
    {
        var compact = ControlAndSpace().Replace(href, "");
        return compact.StartsWith("//", StringComparison.Ordinal) || Scheme().IsMatch(compact.ToLowerInvariant());
    }

    [GeneratedRegex("[\\u0000-\\u0020]")]
    private static partial Regex ControlAndSpace();

    [GeneratedRegex("^([a-z][a-z0-9+.-]*):")]
    private static partial Regex Scheme();
}
