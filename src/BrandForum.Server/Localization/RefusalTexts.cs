using BrandForum.Server.Members;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Localization;

public static class RefusalTexts
{
    /// <summary>
    /// A refusal as a page shows it, in the reader's language: its English message is the key, except the posting
    /// pace's, whose wait is a value (Topics/PostingPace words it the same way for the API).
    /// </summary>
    public static LocalizedString Refusal(this IStringLocalizer t, Refusal refusal) => refusal.RetryAfter is { } wait
        ? t["Slow down a little: you can post again in {0} seconds.", Math.Ceiling(wait.TotalSeconds)]
        : t[refusal.Message];
}
