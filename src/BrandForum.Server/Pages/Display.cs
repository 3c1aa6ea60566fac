using System.Globalization;
using System.Security.Claims;
using BrandForum.Domain.Members;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace BrandForum.Server.Pages;

/// <summary>Small view helpers shared by the discussion pages: times, reaction labels, who the reader is.</summary>
public static class Display
{
    /// <summary>A machine-readable time with a short, relative text ("5 min ago") and the exact UTC time as a tooltip.</summary>
    public static IHtmlContent Time(this IHtmlHelper html, DateTimeOffset at)
    {
        var now = html.ViewContext.HttpContext.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
        var exact = at.UtcDateTime.ToString("d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        var builder = new TagBuilder("time");
        builder.Attributes["datetime"] = at.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        builder.Attributes["title"] = exact;
        builder.InnerHtml.Append(Ago(at, now));
        return builder;
    }

    public static string Ago(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        return age.TotalMinutes < 1 ? "just now"
            : age.TotalHours < 1 ? $"{(int)age.TotalMinutes} min ago"
            : age.TotalDays < 1 ? $"{(int)age.TotalHours} h ago"
            : age.TotalDays < 7 ? $"{(int)age.TotalDays} d ago"
            : at.UtcDateTime.ToString(at.Year == now.Year ? "d MMM" : "d MMM yyyy", CultureInfo.InvariantCulture);
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

    public static bool IsStaff(ClaimsPrincipal user) => user.IsInRole(Roles.Moderator) || user.IsInRole(Roles.Admin);

    public static Guid? MemberId(ClaimsPrincipal user) => MemberPrincipal.MemberId(user);

    /// <summary>A category colour as a CSS value; only #rrggbb (what the decider accepts) gets through.</summary>
    public static string Color(string color) =>
        color.Length == 7 && color[0] == '#' && color[1..].All(char.IsAsciiHexDigit) ? color : "#888888";

    public static string Plural(long count, string one, string many) => string.Create(CultureInfo.InvariantCulture, $"{count:N0} {(count == 1 ? one : many)}");
}
