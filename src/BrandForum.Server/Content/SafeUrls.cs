namespace BrandForum.Server.Content;

/// <summary>
/// Which addresses user content may point at: http, https and (for links) mailto, or relative. Checked on the
/// value the HTML parser already entity-decoded, after removing every control character and space (browsers
/// ignore them inside a scheme: "java&#9;script:" is javascript:).
/// </summary>
public static class SafeUrls
{
    public static bool IsSafe(string value, bool allowMailto)
    {
        var compact = new string([.. value.Where(c => c > ' ' && !char.IsControl(c))]);
        if (compact.StartsWith("//", StringComparison.Ordinal) || compact.StartsWith(@"\\", StringComparison.Ordinal) || compact.StartsWith(@"/\", StringComparison.Ordinal))
        {
            // Protocol-relative: another host, over whatever scheme the page has. Treat like an absolute http(s) address.
            return Uri.TryCreate("https:" + compact.Replace('\\', '/'), UriKind.Absolute, out _);
        }

        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        var slash = compact.IndexOfAny(['/', '?', '#']);
        if (colon < 0 || (slash >= 0 && slash < colon))
        {
            return true; // relative
        }

        var scheme = compact[..colon].ToLowerInvariant();
        return scheme is "http" or "https" || (allowMailto && scheme == "mailto");
    }

    /// <summary>An absolute http(s) address on another host than the forum's (which gets rel="nofollow ugc noopener").</summary>
    public static bool IsExternal(string value, string? forumHost)
    {
        var compact = new string([.. value.Where(c => c > ' ' && !char.IsControl(c))]).Replace('\\', '/');
        if (compact.StartsWith("//", StringComparison.Ordinal))
        {
            compact = "https:" + compact;
        }

        return Uri.TryCreate(compact, UriKind.Absolute, out var uri)
            && (uri.Scheme is "http" or "https" or "mailto")
            && (forumHost is null || !string.Equals(uri.Host, forumHost, StringComparison.OrdinalIgnoreCase));
    }
}
