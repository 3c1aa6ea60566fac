using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Members;

/// <summary>A member as the community sees them.</summary>
public sealed record MemberCard(
    Guid MemberId, string UserName, string? DisplayName, string? Bio, string? AvatarUrl, DateTimeOffset JoinedAt, IReadOnlyList<string> Roles,
    string? Language);

/// <summary>Reads member cards and roles (kept by <see cref="MemberCardsProjection"/>).</summary>
public sealed class MemberCards(SqlEventStore store)
{
    private const string Select = "SELECT member_id, user_name, display_name, bio, avatar_url, joined_at, language FROM member_cards ";

    public Task<MemberCard?> FindAsync(Guid memberId, CancellationToken ct) =>
        FindAsync(Select + "WHERE member_id = @m", ct, ("m", Sql.Id(store.Engine, memberId)));

    public Task<MemberCard?> FindByUserNameAsync(string userName, CancellationToken ct) =>
        FindAsync(Select + "WHERE user_key = @key", ct, ("key", userName.ToUpperInvariant()));

    /// <summary>The language the member chose, or null when they follow their browser (or do not exist).</summary>
    public async Task<string?> LanguageAsync(Guid memberId, CancellationToken ct) =>
        (await store.QueryAsync("SELECT language FROM member_cards WHERE member_id = @m", r => Sql.ReadOptionalString(r, 0), ct, ("m", Sql.Id(store.Engine, memberId))))
            .FirstOrDefault();

    /// <summary>Every role the member holds, "Member" included.</summary>
    public async Task<IReadOnlyList<string>> RolesAsync(Guid memberId, CancellationToken ct)
    {
        var granted = await store.QueryAsync("SELECT role FROM member_roles WHERE member_id = @m ORDER BY role", r => r.GetString(0), ct, ("m", Sql.Id(store.Engine, memberId)));
        return WithMember(granted);
    }

    /// <summary>The roles a member holds given those granted to them: everyone is a Member first.</summary>
    public static IReadOnlyList<string> WithMember(IEnumerable<string> granted) => [Roles.Member, .. granted];

    /// <summary>Members whose user name starts with <paramref name="prefix"/> (all when empty), newest first, a page at a time.</summary>
    public async Task<IReadOnlyList<MemberCard>> SearchAsync(string? prefix, int limit, CancellationToken ct)
    {
        var key = (prefix ?? "").Trim().ToUpperInvariant().Replace("%", "", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
        var ids = await store.QueryAsync(
            "SELECT member_id FROM member_cards WHERE user_key LIKE @key ESCAPE '\\' ORDER BY joined_at DESC LIMIT @limit",
            r => r.GetGuid(0),
            ct,
            ("key", key + "%"),
            ("limit", limit));
        var cards = new List<MemberCard>(ids.Count);
        foreach (var id in ids)
        {
            cards.Add((await FindAsync(id, ct))!);
        }

        return cards;
    }

    public async Task<bool> AnyAdminAsync(CancellationToken ct) =>
        (await store.QueryAsync("SELECT 1 FROM member_roles WHERE role = @role LIMIT 1", r => 1, ct, ("role", Roles.Admin))).Count > 0;

    private async Task<MemberCard?> FindAsync(string sql, CancellationToken ct, params (string, object?)[] parameters)
    {
        var found = await store.QueryAsync(
            sql,
            r => (Id: r.GetGuid(0), Name: r.GetString(1), Display: Sql.ReadOptionalString(r, 2), Bio: Sql.ReadOptionalString(r, 3),
                Avatar: Sql.ReadOptionalString(r, 4), Joined: Sql.ReadTime(r, 5), Language: Sql.ReadOptionalString(r, 6)),
            ct,
            parameters);
        if (found.Count == 0)
        {
            return null;
        }

        var c = found[0];
        return new MemberCard(c.Id, c.Name, c.Display, c.Bio, c.Avatar, c.Joined, await RolesAsync(c.Id, ct), c.Language);
    }
}
