using System.Text;
using BrandForum.Server.Content;

namespace BrandForum.Server.Tests.Content;

/// <summary>
/// Generated markup (a fixed seed, so a failure reproduces): random nestings of dangerous and harmless tags,
/// attributes, schemes obfuscated with entities, case and control characters, raw-text wrappers and Markdown.
/// Every output must have every safety property, be idempotent and parse back to itself.
/// </summary>
public sealed class RandomMarkupTests
{
    private static readonly string[] Tags =
    [
        "p", "div", "span", "a", "img", "svg", "math", "style", "script", "noscript", "template", "textarea", "title",
        "select", "option", "table", "td", "tr", "form", "input", "button", "iframe", "object", "pre", "code", "blockquote",
        "mglyph", "mtext", "foreignObject", "xmp", "li", "ul", "h1", "em", "strong", "details", "base", "meta", "a",
    ];

    private static readonly string[] Attributes =
    [
        "href", "src", "onerror", "onload", "onclick", "style", "id", "name", "class", "xlink:href", "action", "formaction",
        "srcdoc", "data", "title", "alt", "rel", "target", "srcset", "type", "checked", "disabled", "ping", "background",
    ];

    private static readonly string[] Values =
    [
        "javascript:alert(1)", "&#106;avascript:alert(1)", "java&#9;script:alert(1)", "JAVASCRIPT:x", " \u0001javascript:x",
        "data:text/html,<script>x</script>", "vbscript:x", "https://ok.example/", "/relative", "x\" onerror=\"alert(1)",
        "alert(1)", "user-content-ok", "location", "language-js", "position:fixed", "mailto:a@b.example", "//evil.example",
        "</style><img src=x onerror=alert(1)>", "--><img src=x onerror=alert(1)>", "checkbox",
    ];

    [Fact]
    public void EveryGeneratedInputComesOutSafeIdempotentAndStable()
    {
        var sanitizer = new PostSanitizer("forum.example");
        var renderer = new MarkdownRenderer(sanitizer);
        var random = new Random(20261122);
        var failures = new List<string>();

        for (var i = 0; i < 3000 && failures.Count < 5; i++)
        {
            var input = Markup(random, depth: 0);
            var output = i % 3 == 0 ? renderer.Render(input) : sanitizer.Sanitize(input);
            if (SafeHtmlChecks.Problems(output, sanitizer.Sanitize) is { Count: > 0 } problems)
            {
                failures.Add($"#{i}: {string.Join("; ", problems)}\n  input: {input}\n  output: {output}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    private static string Markup(Random random, int depth)
    {
        var output = new StringBuilder();
        var parts = random.Next(1, 4);
        for (var p = 0; p < parts; p++)
        {
            switch (random.Next(depth > 4 ? 3 : 6))
            {
                case 0:
                    output.Append(Text(random));
                    break;
                case 1:
                    output.Append(random.Next(3) switch
                    {
                        0 => $"[link]({Pick(random, Values)})",
                        1 => $"![img]({Pick(random, Values)})",
                        _ => $"<{Pick(random, Values)}>",
                    });
                    break;
                case 2:
                    output.Append(random.Next(2) == 0 ? "<!--" : "-->").Append(Text(random));
                    break;
                default:
                    var tag = Case(random, Pick(random, Tags));
                    output.Append('<').Append(tag);
                    for (var a = random.Next(4); a > 0; a--)
                    {
                        output.Append(random.Next(5) == 0 ? "/" : " ").Append(Case(random, Pick(random, Attributes)));
                        output.Append(random.Next(3) switch
                        {
                            0 => $"=\"{Pick(random, Values)}\"",
                            1 => $"='{Pick(random, Values)}'",
                            _ => $"={Pick(random, Values).Replace(" ", "", StringComparison.Ordinal)}",
                        });
                    }

                    output.Append('>').Append(Markup(random, depth + 1));
                    if (random.Next(4) != 0)
                    {
                        output.Append("</").Append(tag).Append('>');
                    }

                    break;
            }
        }

        return output.ToString();
    }

    private static string Text(Random random) => random.Next(5) switch
    {
        0 => "plain text ",
        1 => "é & < > \" ' \u00A0 ",
        2 => "**bold** `code` ",
        3 => "\n\n- [x] item\n",
        _ => "&lt;script&gt; ",
    };

    private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];

    private static string Case(Random random, string text) => random.Next(4) == 0 ? text.ToUpperInvariant() : text;
}
