using BrandForum.Server.Content;

namespace BrandForum.Server.Tests.Content;

/// <summary>
/// Known XSS families, as HTML straight into the sanitizer or as Markdown through the whole pipeline. Each vector
/// must come out with every property of <see cref="SafeHtmlChecks"/>, and still carry its harmless text.
/// </summary>
public sealed class XssVectorTests
{
    private static readonly PostSanitizer Sanitizer = new("forum.example");
    private static readonly MarkdownRenderer Renderer = new(Sanitizer);

    public static TheoryData<string, string, string?> HtmlVectors => new()
    {
        // event handlers
        { "img onerror", "<img src=x onerror=alert(1)>", null },
        { "body onload", "<body onload=alert(1)>hello", "hello" },
        { "div onmouseover", "<div onmouseover=\"alert(1)\">hover</div>", "hover" },
        { "a onclick on a good link", "<a href=\"https://ok.example\" onclick=\"x()\">ok</a>", "ok" },
        { "upper-case handler", "<p ONCLICK=alert(1)>para</p>", "para" },
        { "details ontoggle", "<details open ontoggle=alert(1)><summary>s</summary>d</details>", "d" },
        { "marquee onstart", "<marquee onstart=alert(1)>m</marquee>", "m" },
        { "input autofocus onfocus", "<input autofocus onfocus=alert(1)>", null },
        { "slash-separated attributes", "<img/src=\"x\"/onerror=alert(1)>", null },
        { "handler with spaces before =", "<img src=x onerror  =  alert(1)>", null },
        { "handler on table cell", "<table><tr><td onclick=alert(1)>c</td></tr></table>", "c" },
        // javascript: and other schemes, obfuscated
        { "javascript href", "<a href=\"javascript:alert(1)\">j</a>", "j" },
        { "mixed case scheme", "<a href=\"JaVaScRiPt:alert(1)\">j</a>", "j" },
        { "decimal entity scheme", "<a href=\"&#106;avascript:alert(1)\">j</a>", "j" },
        { "hex entities and colon", "<a href=\"&#x6A;avascript&#x3A;alert(1)\">j</a>", "j" },
        { "tab inside scheme", "<a href=\"java&#9;script:alert(1)\">j</a>", "j" },
        { "newline inside scheme", "<a href=\"java&#10;script:alert(1)\">j</a>", "j" },
        { "carriage return inside scheme", "<a href=\"jav&#x0D;ascript:alert(1)\">j</a>", "j" },
        { "leading control characters", "<a href=\" &#14;  javascript:alert(1)\">j</a>", "j" },
        { "raw control character", "<a href=\"\u0001javascript:alert(1)\">j</a>", "j" },
        { "named colon entity", "<a href=\"javascript&colon;alert(1)\">j</a>", "j" },
        { "vbscript", "<a href=\"vbscript:msgbox(1)\">v</a>", "v" },
        { "javascript img", "<img src=\"javascript:alert(1)\">", null },
        { "unquoted javascript", "<a href=javascript:alert(1)>j</a>", "j" },
        { "protocol-relative external", "<a href=\"//evil.example/x\">p</a>", "p" },
        // data: URIs
        { "data html link", "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">d</a>", "d" },
        { "data svg image", "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">", null },
        { "object data", "<object data=\"data:text/html,<script>alert(1)</script>\"></object>", null },
        { "iframe data", "<iframe src=\"data:text/html,<script>alert(1)</script>\"></iframe>", null },
        // SVG and MathML namespace confusion
        { "svg script", "<svg><script>alert(1)</script></svg>", null },
        { "svg onload", "<svg onload=alert(1)>", null },
        { "svg xlink href", "<svg><a xlink:href=\"javascript:alert(1)\"><text>x</text></a></svg>", null },
        { "math mglyph style", "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", null },
        { "svg style img", "<svg><style><img src=x onerror=alert(1)></style></svg>", null },
        { "math href", "<math href=\"javascript:alert(1)\">m</math>", null },
        { "svg foreignObject", "<svg><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>", null },
        { "form math mXSS", "<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>", null },
        // mutation XSS through raw-text elements, templates and comments
        { "noscript title", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">", null },
        { "style element", "<style><img src=x onerror=alert(1)></style>", null },
        { "template content", "<template><img src=x onerror=alert(1)></template>", null },
        { "comment", "<!--<img src=x onerror=alert(1)>-->after", "after" },
        { "broken comment", "<p>a</p><!--><img src=x onerror=alert(1)>-->", "a" },
        { "textarea", "<textarea><img src=x onerror=alert(1)></textarea>", null },
        { "title", "<title><img src=x onerror=alert(1)></title>", null },
        { "xmp", "<xmp><img src=x onerror=alert(1)></xmp>", null },
        { "noembed", "<noembed><img src=x onerror=alert(1)></noembed>", null },
        { "iframe srcdoc", "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>", null },
        { "select option img", "<select><option><img src=x onerror=alert(1)></option></select>", null },
        { "plaintext", "<plaintext><img src=x onerror=alert(1)>", null },
        { "escaped text stays text", "&lt;img src=x onerror=alert(1)&gt;", "<img src=x onerror=alert(1)>" },
        // CSS
        { "style url javascript", "<div style=\"background:url(javascript:alert(1))\">css</div>", "css" },
        { "style overlay", "<p style=\"position:fixed;top:0;left:0\">over</p>", "over" },
        { "style expression", "<span style=\"width:expression(alert(1))\">e</span>", "e" },
        { "stylesheet link", "<link rel=stylesheet href=\"//evil.example/x.css\">", null },
        // forms, base, meta
        { "form action", "<form action=\"javascript:alert(1)\"><button>go</button></form>", null },
        { "base href", "<base href=\"https://evil.example/\"><a href=\"/x\">rel</a>", "rel" },
        { "meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">", null },
        { "button formaction", "<button formaction=\"javascript:alert(1)\">b</button>", null },
        { "image input", "<input type=image src=x onerror=alert(1)>", null },
        { "isindex", "<isindex action=javascript:alert(1) type=image>", null },
        // DOM clobbering
        { "img name", "<img src=\"/a.png\" name=\"getElementById\">", null },
        { "id location", "<a id=\"location\" href=\"https://x.example\">x</a>", "x" },
        { "form input name", "<form id=\"x\"><input name=\"attributes\"></form>", null },
        { "proto id", "<div id=\"__proto__\">p</div>", "p" },
        // what must survive
        { "benign formatting", "<p><strong>bold</strong> and <em>it</em> <code class=\"language-csharp\">code</code></p>", "bold and it code" },
        { "deep nesting", string.Concat(Enumerable.Repeat("<div>", 500)) + "deep" + string.Concat(Enumerable.Repeat("</div>", 500)), "deep" },
        { "pre with leading newline", "<pre>\n\nline</pre>", "line" },
    };

    public static TheoryData<string, string, string?> MarkdownVectors => new()
    {
        { "markdown javascript link", "[x](javascript:alert(1))", "x" },
        { "markdown spaced mixed case", "[x]( JaVaScRiPt:alert(1) )", "x" },
        { "markdown entity scheme", "[x](&#106;avascript:alert(1))", "x" },
        { "markdown colon entity", "[x](javascript&colon;alert(1))", "x" },
        { "markdown vbscript", "[x](vbscript:msgbox(1))", "x" },
        { "markdown data", "[x](data:text/html;base64,PHNjcmlwdD4=)", "x" },
        { "markdown javascript image", "![x](javascript:alert(1))", null },
        { "markdown reference link", "[x]\n\n[x]: javascript:alert(1)", "x" },
        { "markdown autolink scheme", "<javascript:alert(1)>", null },
        { "markdown alt breakout", "![a\" onerror=\"alert(1)](x.png)", null },
        { "markdown fence info", "```\"><script>alert(1)</script>\ncode\n```", "code" },
        { "markdown generic attributes", "[x](https://a.example){onclick=\"alert(1)\"}", "x" },
        { "markdown heading id", "# Title {#location}", "Title" },
        { "markdown raw html", "<script>alert(1)</script> and <img src=x onerror=alert(1)>", "and" },
        { "markdown table alignment", "| a | b |\n|:--|--:|\n| 1 | 2 |", "a" },
        { "markdown task list", "- [x] done\n- [ ] todo", "done" },
        { "markdown bare url", "see https://example.com/x", "see" },
        { "markdown external link", "[ok](https://example.com)", "ok" },
        { "markdown internal link", "[topic](/t/1)", "topic" },
        { "markdown mailto", "[mail](mailto:cm@example.com)", "mail" },
        { "markdown link title breakout", "[x](https://example.com \"t\\\" onmouseover=alert(1) x=\\\"\")", "x" },
    };

    [Theory]
    [MemberData(nameof(HtmlVectors))]
    public void SanitizesHtml(string family, string input, string? keptText)
    {
        var output = Sanitizer.Sanitize(input);

        Assert.True(SafeHtmlChecks.Problems(output, Sanitizer.Sanitize) is { Count: 0 } problems, $"{family}: {string.Join("; ", SafeHtmlChecks.Problems(output, Sanitizer.Sanitize))}\n{output}");
        if (keptText is not null)
        {
            Assert.Contains(keptText, SafeHtmlChecks.TextOf(output), StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(MarkdownVectors))]
    public void RendersMarkdownSafely(string family, string markdown, string? keptText)
    {
        var output = Renderer.Render(markdown);

        Assert.True(SafeHtmlChecks.Problems(output, Sanitizer.Sanitize).Count == 0, $"{family}: {string.Join("; ", SafeHtmlChecks.Problems(output, Sanitizer.Sanitize))}\n{output}");
        if (keptText is not null)
        {
            Assert.Contains(keptText, SafeHtmlChecks.TextOf(output), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void KeepsWhatAForumPostNeeds()
    {
        var html = Renderer.Render("""
            # Hello

            Some **bold**, *italic*, ~~gone~~ and `code`, a [link](https://example.com "title") and [an internal one](/t/42).

            > a quote

            1. one
            2. two

            - [x] done

            | left | right |
            |:-----|------:|
            | a    | b     |

            ```csharp
            var x = 1 < 2;
            ```

            ![logo](https://cdn.example.com/logo.png "Logo")
            """);

        Assert.Contains("<h1>Hello</h1>", html, StringComparison.Ordinal);
        Assert.Contains("<strong>bold</strong>", html, StringComparison.Ordinal);
        Assert.Contains("<del>gone</del>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"https://example.com\" rel=\"nofollow ugc noopener\" title=\"title\">link</a>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/t/42\">an internal one</a>", html, StringComparison.Ordinal);
        Assert.Contains("<blockquote>", html, StringComparison.Ordinal);
        Assert.Contains("<input type=\"checkbox\" disabled=\"\" checked=\"\">", html, StringComparison.Ordinal);
        Assert.Contains("<th class=\"align-left\">left</th>", html, StringComparison.Ordinal);
        Assert.Contains("<td class=\"align-right\">b</td>", html, StringComparison.Ordinal);
        Assert.Contains("<code class=\"language-csharp\">var x = 1 &lt; 2;", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"https://cdn.example.com/logo.png\" alt=\"logo\" title=\"Logo\">", html, StringComparison.Ordinal);
        Assert.Empty(SafeHtmlChecks.Problems(html, Sanitizer.Sanitize));
    }

    [Fact]
    public void TheChecksCatchTheVectorsWhenNothingSanitizesThem()
    {
        // Negative control: the same checks on the raw input must fail for most vectors, or they prove nothing.
        var unsafeInputs = HtmlVectors.Count(row => SafeHtmlChecks.Problems((string)row[1], Sanitizer.Sanitize).Count > 0);

        Assert.True(unsafeInputs >= 55, $"only {unsafeInputs} raw vectors fail the checks");
    }

    [Fact]
    public void CoversAtLeastSixtyVectors() => Assert.True(HtmlVectors.Count + MarkdownVectors.Count >= 60);
}
