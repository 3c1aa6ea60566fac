using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

public sealed record AuditEntry(long Position, DateTimeOffset At, AuthorRef? Actor, string Action, string TargetKind, string TargetId, string? Reason, string? Detail);

/// <summary>The moderation trail, newest first, filterable by who acted and by action.</summary>
public sealed class AuditReads(SqlEventStore store)
{
    public const int PageSize = 50;

    public async Task<Paged<AuditEntry>> PageAsync(int page, string? actorUserName, string? action, CancellationToken ct)
    {
        var where = "WHERE 1 = 1" + (actorUserName is null ? "" : " AND m.user_key = @actor") + (action is null ? "" : " AND a.action = @action");
        (string, object?)[] filters = [("actor", actorUserName?.ToUpperInvariant()), ("action", action)];
        const string from = "FROM moderation_audit a LEFT JOIN member_cards m ON m.member_id = a.actor_id ";
        var items = await store.QueryAsync(
            "SELECT a.position, a.at, a.actor_id, m.user_name, a.action, a.target_kind, a.target_id, a.reason, a.detail " + from + where +
            " ORDER BY a.position DESC LIMIT @limit OFFSET @offset",
            r => new AuditEntry(
                r.GetInt64(0), Sql.ReadTime(r, 1), r.IsDBNull(2) ? null : new AuthorRef(r.GetGuid(2), Sql.ReadOptionalString(r, 3)), r.GetString(4), r.GetString(5), r.GetString(6),
                Sql.ReadOptionalString(r, 7), Sql.ReadOptionalString(r, 8)),
            ct,
            [.. filters, ("limit", PageSize), ("offset", (page - 1) * PageSize)]);
        var total = (await store.QueryAsync("SELECT count(*) " + from + where, r => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture), ct, filters)).Single();
        return new Paged<AuditEntry>(items, page, PageSize, total);
    }
}
