using System.Globalization;
using System.Text.RegularExpressions;

namespace BrandForum.Server.Tests.Themes;

/// <summary>
/// Every theme under themes/ meets WCAG 2 AA for text (4.5:1) in its light and its dark variant, computed with
/// WCAG's relative-luminance formula from the custom properties in its theme.css. A theme edit that breaks
/// contrast fails the build.
/// </summary>
public sealed partial class ThemeContrastTests
{
    private const double AaText = 4.5;

    /// <summary>Which colour is read on which background in site.css (text, links, buttons, badges, header, errors).</summary>
    private static readonly (string Text, string Background)[] TextOnBackground =
    [
        ("fg", "bg"), ("fg", "surface"), ("muted", "bg"), ("muted", "surface"), ("link", "bg"), ("link", "surface"),
        ("accent", "bg"), ("accent", "surface"), ("on-accent", "accent"), ("danger", "bg"), ("danger", "surface"),
        ("header-fg", "header-bg"),
    ];

    public static TheoryData<string> Themes => [.. Directory.GetDirectories(ThemesFolder())
        .Where(d => File.Exists(Path.Combine(d, "theme.json")))
        .Select(Path.GetFileName)
        .OfType<string>()];

    [Fact]
    public void ThereIsMoreThanOneThemeToChooseFrom() => Assert.True(Themes.Count >= 2);

    [Theory]
    [MemberData(nameof(Themes))]
    public void MeetsAaContrastInLightAndDark(string theme)
    {
        var css = File.ReadAllText(Path.Combine(ThemesFolder(), theme, "theme.css"));
        var darkAt = css.IndexOf("@media (prefers-color-scheme: dark)", StringComparison.Ordinal);
        Assert.True(darkAt > 0, $"{theme} has no dark variant (@media (prefers-color-scheme: dark)).");
        var light = Colours(css[..darkAt]);
        var dark = new Dictionary<string, string>(light);
        foreach (var (name, value) in Colours(css[darkAt..]))
        {
            dark[name] = value;
        }

        var failures = new List<string>();
        foreach (var (variant, colours) in new[] { ("light", light), ("dark", dark) })
        {
            foreach (var (text, background) in TextOnBackground)
            {
                Assert.True(colours.ContainsKey(text) && colours.ContainsKey(background), $"{theme} ({variant}) lacks --bf-{text} or --bf-{background}.");
                var ratio = ContrastRatio(colours[text], colours[background]);
                if (ratio < AaText)
                {
                    failures.Add($"{variant}: --bf-{text} {colours[text]} on --bf-{background} {colours[background]} is {ratio:F2}:1");
                }
            }
        }

        Assert.True(failures.Count == 0, $"{theme} is below {AaText}:1 — {string.Join("; ", failures)}");
    }

    [Theory]
    [InlineData("#000000", "#ffffff", 21.0)]
    [InlineData("#ffffff", "#ffffff", 1.0)]
    [InlineData("#767676", "#ffffff", 4.54)]
    [InlineData("#777777", "#ffffff", 4.48)]
    public void ComputesTheWcagRatio(string a, string b, double expected) =>
        Assert.Equal(expected, ContrastRatio(a, b), 2);

    /// <summary>WCAG 2: (L1 + 0.05) / (L2 + 0.05), L the relative luminance of linearised sRGB.</summary>
    private static double ContrastRatio(string a, string b)
    {
        var (la, lb) = (Luminance(a), Luminance(b));
        return (Math.Max(la, lb) + 0.05) / (Math.Min(la, lb) + 0.05);
    }

    private static double Luminance(string hex)
    {
        double Channel(int at)
        {
            var c = int.Parse(hex.AsSpan(at, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture) / 255.0;
            return c <= 0.04045 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }

        return (0.2126 * Channel(1)) + (0.7152 * Channel(3)) + (0.0722 * Channel(5));
    }

    private static Dictionary<string, string> Colours(string css) =>
        ColourProperty().Matches(css).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value.ToLowerInvariant());

    private static string ThemesFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "themes", "default", "theme.json")))
            {
                return Path.Combine(dir.FullName, "themes");
            }
        }

        throw new InvalidOperationException("No themes folder above the test binaries.");
    }

    [GeneratedRegex("--bf-([a-z-]+):\\s*(#[0-9a-fA-F]{6})\\b")]
    private static partial Regex ColourProperty();
}
