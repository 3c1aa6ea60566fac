using System.Globalization;
using Microsoft.AspNetCore.OutputCaching;

namespace BrandForum.Server.Topics;

/// <summary>
/// Whole topic pages, as HTML, for visitors who are not signed in: every such visitor sees the same page for a
/// topic, page number and language, so it is rendered once and served from memory. The cache key includes the
/// topic's generation in <see cref="TopicPageCache"/>, read before the page reads the database: a write to the
/// topic (this node's at once, other nodes' through the log tail) or a category change moves it, so a page
/// rendered before a change is never served after it — even one stored late. Members always get a fresh page
/// (their reactions, rights and read markers are theirs).
/// </summary>
public sealed class AnonymousPageCache : IOutputCachePolicy
{
    public const string PolicyName = "anonymous-topic-page";

    /// <summary>A page sets this item when what it shows changes with time alone (a poll that will close).</summary>
    public const string DoNotStore = "anonymous-page-cache:do-not-store";

    public async ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var http = context.HttpContext;
        var anonymous = http.User.Identity?.IsAuthenticated != true && HttpMethods.IsGet(http.Request.Method)
            && http.Request.RouteValues["topicId"] is string id && Guid.TryParse(id, out _);
        context.EnableOutputCaching = anonymous;
        context.AllowCacheLookup = anonymous;
        context.AllowCacheStorage = anonymous;
        context.AllowLocking = true;
        if (anonymous)
        {
            var topicId = Guid.Parse((string)http.Request.RouteValues["topicId"]!);
            context.ResponseExpirationTimeSpan = TimeSpan.FromMinutes(10);
            context.CacheVaryByRules.QueryKeys = "page";
            context.CacheVaryByRules.VaryByValues["culture"] = CultureInfo.CurrentUICulture.Name;
            context.CacheVaryByRules.VaryByValues["generation"] = http.RequestServices.GetRequiredService<TopicPageCache>().StampOf(topicId);
            context.CacheVaryByRules.VaryByValues["announcement"] = await http.RequestServices.GetRequiredService<Animation.Announcements>().StampAsync(http);

            // The crisis banner is on the page: a crisis declared, changed, lifted or run out is a new page.
            context.CacheVaryByRules.VaryByValues["crisis"] = http.RequestServices.GetRequiredService<Crisis.CrisisBoard>().Stamp();
        }
    }

    public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

    /// <summary>
    /// Only a plain success is kept: never a page that sets a cookie (it would carry one visitor's state to others).
    /// The one exception is MVC clearing its empty temp-data cookie, which it does on every page that has temp data.
    /// </summary>
    public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation)
    {
        var response = context.HttpContext.Response;
        if (response.StatusCode != StatusCodes.Status200OK || context.HttpContext.Items.ContainsKey(DoNotStore)
            || response.Headers.SetCookie.Any(cookie => cookie?.StartsWith(".AspNetCore.Mvc.CookieTempDataProvider=;", StringComparison.Ordinal) != true))
        {
            context.AllowCacheStorage = false;
        }

        return ValueTask.CompletedTask;
    }
}
