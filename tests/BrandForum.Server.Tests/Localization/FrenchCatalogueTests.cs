using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace BrandForum.Server.Tests.Localization;

/// <summary>
/// Every text a page passes to T["…"] (or T.Plural) has its French in Localization/Texts.fr.resx, with the same placeholders and
/// French typography, so a page added without its French fails the build rather than showing English in French.
/// </summary>
public sealed partial class FrenchCatalogueTests
{
    private static readonly string Server = Path.Combine(RepositoryRoot(), "src", "BrandForum.Server");

    private static readonly IReadOnlyDictionary<string, string> French = XDocument.Load(Path.Combine(Server, "Localization", "Texts.fr.resx"))
        .Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!);

    [Fact]
    public void EveryTextOnThePagesHasItsFrench()
    {
        var keys = PageTexts().ToList();

        Assert.True(keys.Count > 100, $"Only {keys.Count} texts were found: has the T[\"…\"] convention changed?");
        Assert.Empty(keys.Where(k => !French.ContainsKey(k)).Distinct());
    }

    [Fact]
    public void NoPageWritesWordsOutsideT()
    {
        // Languages are named in themselves; an address placeholder is not words.
        string[] allowed = ["English", "Français", "https://…"];
        var pages = Directory.EnumerateFiles(Path.Combine(Server, "Pages"), "*.cshtml", SearchOption.AllDirectories)
            .Select(f => (File: Path.GetFileName(f), Markup: RazorComment().Replace(File.ReadAllText(f), "")));

        var literal = pages
            .SelectMany(p => TextNode().Matches(p.Markup).Concat(LiteralAttribute().Matches(p.Markup)).Select(m => (p.File, Text: m.Groups[1].Value.Trim())))
            .Where(x => Words().IsMatch(x.Text) && !allowed.Contains(x.Text))
            .Select(x => $"{x.File}: {x.Text}");

        Assert.Empty(literal);
    }

    [Fact]
    public void FrenchKeepsThePlaceholdersOfTheEnglish()
    {
        var broken = French.Where(e => !Placeholders(e.Key).SetEquals(Placeholders(e.Value))).Select(e => e.Key);

        Assert.Empty(broken);
    }

    [Fact]
    public void FrenchUsesFrenchTypography()
    {
        // A no-break space before « : » and inside guillemets, a narrow one before « ; ? ! », a curly apostrophe.
        var wrong = French.Values.Where(v => WrongSpacing().IsMatch(v) || v.Contains('\'', StringComparison.Ordinal) || v.Contains('"', StringComparison.Ordinal));

        Assert.Empty(wrong);
    }

    /// <summary>Files outside Pages/ that write for people with the pages' catalogue (the weekly report, emailed in each CM's language).</summary>
    private static readonly string[] OtherLocalizedFiles = [Path.Combine(Server, "Analytics", "WeeklyReport.cs")];

    private static IEnumerable<string> PageTexts() =>
        Directory.EnumerateFiles(Path.Combine(Server, "Pages"), "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cshtml.cs", StringComparison.Ordinal))
            .Concat(OtherLocalizedFiles)
            .Select(File.ReadAllText)
            .SelectMany(page => Text().Matches(page).Concat(PluralText().Matches(page)))
            .SelectMany(m => m.Groups.Values.Skip(1).Where(g => g.Success).Select(g => Regex.Unescape(g.Value)));

    private static HashSet<string> Placeholders(string text) => [.. Placeholder().Matches(text).Select(m => m.Value)];

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "BrandForum.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("The repository root (BrandForum.sln) was not found above the test binaries.");
    }

    [GeneratedRegex("""\b[Tt]\["((?:[^"\\]|\\.)*)"[],]""")]
    private static partial Regex Text();

    [GeneratedRegex("""Plural\([^,]+, "([^"]*)", "([^"]*)"\)""")]
    private static partial Regex PluralText();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    /// <summary>Text between two tags with no Razor in it (not the "=>" of a lambda).</summary>
    [GeneratedRegex("(?<!=)>([^<>@{}]*)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\b(?:title|placeholder|aria-label|data-confirm|alt)=""([^""@]*)""")]
    private static partial Regex LiteralAttribute();

    [GeneratedRegex("[A-Za-z]{3,}")]
    private static partial Regex Words();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex("[^\u00a0][:»]|«[^\u00a0]|[^\u202f][;?!]")]
    private static partial Regex WrongSpacing();
}
