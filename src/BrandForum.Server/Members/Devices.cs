using System.Security.Cryptography;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Members;

/// <summary>
/// A long-lived random device cookie (<see cref="Cookie"/>: 128 random bits, HttpOnly, SameSite=Lax, two years) and
/// which members were seen on which device, for the referrals' self-referral guard: a newcomer registering on a
/// device their referrer registered or signed in on is the referrer again. The cookie is set on the first visit of
/// the pages where people join and sign in (<see cref="Tracked"/>), not on every page: topic pages for visitors must
/// stay free of cookies to be cached once for all. Kept in a table, never in the log, like client addresses.
/// </summary>
public sealed class Devices(SqlEventStore store, TimeProvider time, IHttpContextAccessor http)
{
    public const string Cookie = "bf_device";
    private static readonly TimeSpan Lifetime = TimeSpan.FromDays(730);

    public static readonly Migration Table = new(
        "members/005-devices",
        "CREATE TABLE member_devices (member_id uuid NOT NULL, device_id text NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (member_id, device_id));",
        "CREATE TABLE member_devices (member_id TEXT NOT NULL, device_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (member_id, device_id)) WITHOUT ROWID;");

    /// <summary>The paths where people register or sign in, and referral links.</summary>
    public static bool Tracked(PathString path) =>
        path.StartsWithSegments("/join", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/account", StringComparison.OrdinalIgnoreCase)
        || path.StartsWithSegments("/api/auth", StringComparison.OrdinalIgnoreCase);

    /// <summary>This request's device: its cookie, or the one this response sets.</summary>
    public static string? Of(HttpContext? context) =>
        context is null ? null : context.Items[Cookie] as string ?? (context.Request.Cookies[Cookie] is { Length: 22 } id ? id : null);

    /// <summary>Gives a browser that has none its device cookie, on the tracked paths.</summary>
    public static Task IssueAsync(HttpContext context, Func<Task> next)
    {
        if (Tracked(context.Request.Path) && Of(context) is null)
        {
            var id = Base64Url(RandomNumberGenerator.GetBytes(16));
            context.Items[Cookie] = id;
            context.Response.Cookies.Append(Cookie, id, new CookieOptions
            {
                HttpOnly = true, SameSite = SameSiteMode.Lax, Secure = context.Request.IsHttps, IsEssential = true, MaxAge = Lifetime, Path = "/",
            });
        }

        return next();
    }

    /// <summary>Notes that the member used this request's device (registration, sign-in).</summary>
    public async Task SeenAsync(Guid memberId, CancellationToken ct)
    {
        if (Of(http.HttpContext) is { } device)
        {
            await store.ExecuteAsync(
                "INSERT INTO member_devices (member_id, device_id, at) VALUES (@m, @d, @at) ON CONFLICT (member_id, device_id) DO UPDATE SET at = excluded.at",
                ct, ("m", Sql.Id(store.Engine, memberId)), ("d", device), ("at", Sql.Time(store.Engine, time.GetUtcNow())));
        }
    }

    /// <summary>The devices the member was seen on.</summary>
    public async Task<IReadOnlyList<string>> OfMemberAsync(Guid memberId, CancellationToken ct) =>
        await store.QueryAsync("SELECT device_id FROM member_devices WHERE member_id = @m", r => r.GetString(0), ct, ("m", Sql.Id(store.Engine, memberId)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class DeviceCookies
{
    public static IApplicationBuilder UseDeviceCookies(this IApplicationBuilder app) => app.Use(Devices.IssueAsync);
}
