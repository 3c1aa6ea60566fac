using System.Security.Claims;

namespace BrandForum.Server.Members;

/// <summary>
/// Runs after authentication: a cookie or token counts only while its session is active, and the roles it
/// carries are replaced by the member's current roles — so sign-out, ended sessions and role changes take
/// effect on the next request, not when the token expires.
/// </summary>
public sealed class MemberPrincipal(RequestDelegate next)
{
    public const string MemberIdClaim = ClaimTypes.NameIdentifier;

    public async Task InvokeAsync(HttpContext http, Sessions sessions, Topics.Visits visits)
    {
        if (http.User.Identity?.IsAuthenticated == true)
        {
            http.User = await CurrentAsync(http.User, sessions, http.RequestAborted) ?? new ClaimsPrincipal(new ClaimsIdentity());
            if (MemberId(http.User) is { } memberId)
            {
                await visits.RecordAsync(memberId, http.RequestAborted);
            }
        }

        await next(http);
    }

    public static Guid? MemberId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(MemberIdClaim), out var id) ? id : null;

    public static Guid? SessionId(ClaimsPrincipal user) =>
        Guid.TryParse(user.FindFirstValue(Sessions.ClaimType), out var id) ? id : null;

    private static async Task<ClaimsPrincipal?> CurrentAsync(ClaimsPrincipal user, Sessions sessions, CancellationToken ct)
    {
        if (SessionId(user) is not { } sessionId || MemberId(user) is not { } memberId
            || await sessions.TouchWithRolesAsync(sessionId, ct) is not { } current || current.Session.MemberId != memberId)
        {
            return null;
        }

        var identity = new ClaimsIdentity(
            user.Claims.Where(c => c.Type != ClaimTypes.Role),
            user.Identity!.AuthenticationType,
            ClaimTypes.Name,
            ClaimTypes.Role);
        identity.AddClaims(MemberCards.WithMember(current.GrantedRoles).Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(identity);
    }
}
