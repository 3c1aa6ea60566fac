using System.Globalization;
using System.Threading.RateLimiting;
using BrandForum.EventStore;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandForum.Server.Http;

/// <summary>
/// Per-IP limits on sign-in and sign-up (and, in later issues, on writes), all off with
/// Forum:RateLimits:Enabled=false. A refused request gets 429 problem details with Retry-After.
/// The counters live in the shared database (<see cref="SharedWindowLimiter"/>), so all nodes count together.
/// </summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string Preview = "preview";

    public static IServiceCollection AddForumRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        var enabled = configuration.GetValue("Forum:RateLimits:Enabled", true);
        var signInPerMinute = configuration.GetValue("Forum:RateLimits:SignInPerMinute", 10);
        var signUpPerHour = configuration.GetValue("Forum:RateLimits:SignUpPerHour", 5);
        var previewsPerMinute = configuration.GetValue("Forum:RateLimits:PreviewsPerMinute", 60);
        services.AddSingleton(SharedWindowLimiter.Table);
        return services.AddRateLimiter(options =>
        {
            options.AddPolicy(SignIn, http => PerIp(http, SignIn, enabled, signInPerMinute, TimeSpan.FromMinutes(1)));
            options.AddPolicy(SignUp, http => PerIp(http, SignUp, enabled, signUpPerHour, TimeSpan.FromHours(1)));
            options.AddPolicy(Preview, http => PerMember(http, Preview, enabled, previewsPerMinute, TimeSpan.FromMinutes(1)));
            options.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                var seconds = (int)Math.Ceiling(retryAfter.TotalSeconds);
                context.HttpContext.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                context.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await Problems.Problem(StatusCodes.Status429TooManyRequests, $"Too many attempts: try again in {seconds} seconds.", "rate-limited")
                    .ExecuteAsync(context.HttpContext);
            };
        });
    }

    /// <summary>Writes and renderings count per member (they require one), wherever the member connects from.</summary>
    private static RateLimitPartition<string> PerMember(HttpContext http, string policy, bool enabled, int permits, TimeSpan window) =>
        enabled && HttpMethods.IsPost(http.Request.Method) && Members.MemberPrincipal.MemberId(http.User) is { } member
            ? RateLimitPartition.Get(
                $"{policy}:{member}",
                key => new SharedWindowLimiter(
                    http.RequestServices.GetRequiredService<SqlEventStore>(), http.RequestServices.GetRequiredService<TimeProvider>(), key, permits, window))
            : RateLimitPartition.GetNoLimiter("off");

    /// <summary>Only attempts count: showing a sign-in page is not a sign-in.</summary>
    private static RateLimitPartition<string> PerIp(HttpContext http, string policy, bool enabled, int permits, TimeSpan window) =>
        enabled && HttpMethods.IsPost(http.Request.Method)
            ? RateLimitPartition.Get(
                $"{policy}:{http.Connection.RemoteIpAddress?.ToString() ?? "unknown"}",
                key => new SharedWindowLimiter(
                    http.RequestServices.GetRequiredService<SqlEventStore>(), http.RequestServices.GetRequiredService<TimeProvider>(), key, permits, window))
            : RateLimitPartition.GetNoLimiter("off");
}
