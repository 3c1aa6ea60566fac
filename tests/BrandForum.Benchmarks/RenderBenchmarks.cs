extern alias server;

using BenchmarkDotNet.Attributes;
using Markdig;
using server::BrandForum.Server.Content;

namespace BrandForum.Benchmarks;

/// <summary>
/// A 2 kB post through the content pipeline: Markdig alone (the baseline, same extensions as the renderer),
/// Markdig then the allowlist sanitizer, and the whole renderer (unsafe links neutralised, sanitized, @mentions linked).
/// </summary>
[MemoryDiagnoser]
public class RenderBenchmarks
{
    private readonly MarkdownPipeline _pipeline = MarkdownRenderer.Pipeline;

    private readonly PostSanitizer _sanitizer = new("forum.example.com");
    private readonly MarkdownRenderer _renderer = new(new PostSanitizer("forum.example.com"));

    /// <summary>About 2 kB of what members write: paragraphs, emphasis, a list, links, code, a quote, a table, @mentions.</summary>
    public static string Post { get; } = """
        > Has anyone measured the real charging time with the fast charger?

        Hi @julie.velotaf and @camille.cm! I did, **twice**, with a wattmeter between the wall and the charger.
        From 10 % to 80 % it took *1 h 52 min*, then the last 20 % took almost an hour: the charger slows down
        to protect the cells, which is what the [user manual](https://example.com/lumio/manual.pdf) says on page 34.

        What I noticed along the way:

        - the fan starts at about 60 % and is louder than I expected
        - the battery was warm (not hot) at the end, around 31 °C
        - charging in the cold garage (6 °C) added ~25 minutes
        - the app's estimate was off by 15 minutes, see `settings > battery > estimate`

        | charge   | time     | energy from the wall |
        |----------|----------|----------------------|
        | 10→80 %  | 1 h 52   | 412 Wh               |
        | 80→100 % | 58 min   | 121 Wh               |

        My log, for whoever wants to compare:

        ```
        [bms] cell 3: 3.61 V
        [bms] cell 4: 3.12 V  <-- low
        [charger] mode=fast current=4.0A temp=31C
        ```

        So ~~four hours~~ three hours in total, which matches https://example.com/lumio/faq#charging. If you charge
        every night you do not need the fast charger at all; if you commute 60 km a day like me, it is worth it.
        Ping @lucas_trail who asked the same question last week in the *Entraide* category. Bonne route à tous !
        """;

    [Benchmark(Baseline = true, Description = "Markdig alone")]
    public string MarkdigAlone() => Markdown.ToHtml(Post, _pipeline);

    [Benchmark(Description = "Markdig + sanitizer")]
    public string MarkdigThenSanitizer() => _sanitizer.Sanitize(Markdown.ToHtml(Post, _pipeline));

    [Benchmark(Description = "MarkdownRenderer.Render (all)")]
    public string Render() => _renderer.Render(Post);
}
