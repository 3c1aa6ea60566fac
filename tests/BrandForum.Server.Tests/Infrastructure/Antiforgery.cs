using System.Text.RegularExpressions;

namespace BrandForum.Server.Tests.Infrastructure;

/// <summary>Reads the antiforgery token a page embeds, as a browser's form would send it back.</summary>
public static partial class Antiforgery
{
    public static async Task<string> TokenFromAsync(HttpClient client, string page) =>
        Token().Match(await client.GetStringAsync(new Uri(page, UriKind.Relative))).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
