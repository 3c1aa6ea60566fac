using System.Globalization;
using BrandForum.Domain.Members;
using BrandForum.Server.Localization;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages;

/// <summary>Small view helpers shared by the discussion pages: times, reaction labels, colours, counts.</summary>
public static class Display
{
    /// <summary>A machine-readable time with a short, relative text ("5 min ago") and the exact UTC time as a tooltip, in the reader's language.</summary>
    public static IHtmlContent Time(this IHtmlHelper html, DateTimeOffset at)
    {
        var services = html.ViewContext.HttpContext.RequestServices;
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var exact = at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.CurrentCulture);
        var builder = new TagBuilder("time");
        builder.Attributes["datetime"] = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        builder.Attributes["title"] = exact;
        builder.InnerHtml.Append(Ago(at, now, services.GetRequiredService<IStringLocalizer<Texts>>()));
        return builder;
    }

    public static string Ago(DateTimeOffset at, DateTimeOffset now, IStringLocalizer t)
    {
        var age = now - at;
        return age.TotalMinutes < 1 ? t["just now"]
            : age.TotalHours < 1 ? t["{0} min ago", (int)age.TotalMinutes]
            : age.TotalDays < 1 ? t["{0} h ago", (int)age.TotalHours]
            : age.TotalDays < 7 ? t["{0} d ago", (int)age.TotalDays]
            : at.UtcDateTime.ToString(at.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.CurrentCulture);
    }

    /// <summary>The emoji shown for a reaction kind (kinds are configuration; unknown ones show their name).</summary>
    public static string Emoji(string kind) => kind switch
    {
        "like" => "👍",
        "love" => "❤️",
        "haha" => "😄",
        "wow" => "😮",
        "sad" => "😢",
        "insightful" => "💡",
        "thanks" => "🙏",
        _ => kind,
    };

    /// <summary>The accessible name of a reaction kind: "insightful" → "Insightful".</summary>
    public static string ReactionName(string kind) => kind.Length == 0 ? kind : char.ToUpperInvariant(kind[0]) + kind[1..];

    /// <summary>A category colour as a CSS value; only #rrggbb (what the decider accepts) gets through.</summary>
    public static string Color(string color) =>
        color.Length == 7 && color[0] == '#' && color[1..].All(char.IsAsciiHexDigit) ? color : "#888888";

    /// <summary>
    /// "1 topic", "3 topics" in the reader's language: <paramref name="one"/> and <paramref name="many"/> are keys with a {0}
    /// (<c>T.Plural(n, "{0} topic", "{0} topics")</c>). French, unlike English, counts 0 as singular ("0 sujet").
    /// </summary>
    public static LocalizedString Plural(this IStringLocalizer t, long count, string one, string many)
    {
        var singular = count == 1 || (count == 0 && CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Languages.French);
        return t[singular ? one : many, count.ToString("N0", CultureInfo.CurrentCulture)];
    }
}
