using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Members;

/// <summary>A signed-in device of a member.</summary>
public sealed record MemberSession(Guid SessionId, Guid MemberId, string Device, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset? RevokedAt);

/// <summary>
/// Server-side sessions. Every cookie and bearer token carries its session id, and a request is signed in
/// only while that session is not revoked — so signing out, ending a session or changing the password
/// stops the token or cookie at once, on every node (the table is in the shared database). A session keeps the
/// address it began from, for the referrals' self-referral guard; it is taken from the current request, so that
/// every way of signing in (password, passkey, registration) records it without passing it along.
/// </summary>
public sealed class Sessions(SqlEventStore store, TimeProvider time, IHttpContextAccessor http, Devices devices)
{
    public const string ClaimType = "sid";
    private const int MaxDeviceLength = 200;
    private static readonly TimeSpan LastSeenResolution = TimeSpan.FromMinutes(1);

    /// <summary>A session unused this long is over (a refresh token lasts 14 days; a cookie is renewed as it is used).</summary>
    public static readonly TimeSpan IdleLimit = TimeSpan.FromDays(30);

    public async Task<Guid> StartAsync(Guid memberId, string? userAgent, CancellationToken ct)
    {
        var id = Guid.CreateVersion7(time.GetUtcNow());
        var now = Sql.Time(store.Engine, time.GetUtcNow());
        var device = string.IsNullOrWhiteSpace(userAgent) ? "unknown device" : userAgent.Trim()[..Math.Min(userAgent.Trim().Length, MaxDeviceLength)];
        await store.ExecuteAsync(
            "INSERT INTO member_sessions (session_id, member_id, device, created_at, last_seen_at, address) VALUES (@s, @m, @d, @now, @now, @a)",
            ct,
            ("s", Sql.Id(store.Engine, id)),
            ("m", Sql.Id(store.Engine, memberId)),
            ("d", device),
            ("now", now),
            ("a", Http.ClientAddress.Of(http.HttpContext)));
        await devices.SeenAsync(memberId, ct);
        return id;
    }

    /// <summary>The session if it is still active; also records that it was seen (at most once a minute).</summary>
    public async Task<MemberSession?> TouchAsync(Guid sessionId, CancellationToken ct) => await StillActiveAsync((await store.QueryAsync(
        "SELECT session_id, member_id, device, created_at, last_seen_at, revoked_at FROM member_sessions WHERE session_id = @s",
        Read,
        ct,
        ("s", Sql.Id(store.Engine, sessionId)))).SingleOrDefault(), ct);

    /// <summary>
    /// <see cref="TouchAsync"/> and the roles granted to the session's member, read in one query: every signed-in
    /// request needs both, and one round trip instead of two counts on a busy forum.
    /// </summary>
    public async Task<(MemberSession Session, IReadOnlyList<string> GrantedRoles)?> TouchWithRolesAsync(Guid sessionId, CancellationToken ct)
    {
        var rows = await store.QueryAsync(
            "SELECT s.session_id, s.member_id, s.device, s.created_at, s.last_seen_at, s.revoked_at, r.role FROM member_sessions s " +
            "LEFT JOIN member_roles r ON r.member_id = s.member_id WHERE s.session_id = @s ORDER BY r.role",
            r => (Session: Read(r), Role: Sql.ReadOptionalString(r, 6)),
            ct,
            ("s", Sql.Id(store.Engine, sessionId)));
        return rows.Count > 0 && await StillActiveAsync(rows[0].Session, ct) is { } session
            ? (session, [.. rows.Select(row => row.Role).OfType<string>()])
            : null;
    }

    private async Task<MemberSession?> StillActiveAsync(MemberSession? session, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (session is null || session.RevokedAt is not null || now - session.LastSeenAt > IdleLimit)
        {
            return null;
        }

        if (now - session.LastSeenAt > LastSeenResolution)
        {
            await store.ExecuteAsync(
                "UPDATE member_sessions SET last_seen_at = @now WHERE session_id = @s", ct, ("now", Sql.Time(store.Engine, now)), ("s", Sql.Id(store.Engine, session.SessionId)));
        }

        return session;
    }

    public async Task<IReadOnlyList<MemberSession>> ActiveAsync(Guid memberId, CancellationToken ct) => [.. (await store.QueryAsync(
        "SELECT session_id, member_id, device, created_at, last_seen_at, revoked_at FROM member_sessions " +
        "WHERE member_id = @m AND revoked_at IS NULL ORDER BY last_seen_at DESC",
        Read,
        ct,
        ("m", Sql.Id(store.Engine, memberId)))).Where(s => time.GetUtcNow() - s.LastSeenAt <= IdleLimit)];

    /// <summary>Ends one of the member's sessions; false when there is no such active session of theirs.</summary>
    public async Task<bool> RevokeAsync(Guid memberId, Guid sessionId, CancellationToken ct) => await store.ExecuteAsync(
        "UPDATE member_sessions SET revoked_at = @now WHERE session_id = @s AND member_id = @m AND revoked_at IS NULL",
        ct,
        ("now", Sql.Time(store.Engine, time.GetUtcNow())),
        ("s", Sql.Id(store.Engine, sessionId)),
        ("m", Sql.Id(store.Engine, memberId))) == 1;

    /// <summary>Ends every session of the member but <paramref name="keep"/> (after a password change).</summary>
    public Task RevokeOthersAsync(Guid memberId, Guid? keep, CancellationToken ct) => store.ExecuteAsync(
        "UPDATE member_sessions SET revoked_at = @now WHERE member_id = @m AND revoked_at IS NULL AND session_id <> @keep",
        ct,
        ("now", Sql.Time(store.Engine, time.GetUtcNow())),
        ("m", Sql.Id(store.Engine, memberId)),
        ("keep", Sql.Id(store.Engine, keep ?? Guid.Empty)));

    private static MemberSession Read(System.Data.Common.DbDataReader r) =>
        new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), Sql.ReadTime(r, 3), Sql.ReadTime(r, 4), Sql.ReadOptionalTime(r, 5));
}
