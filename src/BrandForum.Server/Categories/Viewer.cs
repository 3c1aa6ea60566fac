using System.Security.Claims;
using BrandForum.Domain.Categories;
using BrandForum.Server.Members;

namespace BrandForum.Server.Categories;

/// <summary>
/// Who reads: nobody signed in, or a member with their current roles. Every read of discussions takes one,
/// because a private category (and its topics, posts and search hits) exists only for those it lets in.
/// </summary>
public sealed record Viewer(Guid? MemberId, IReadOnlySet<string> Roles)
{
    public static Viewer Anonymous { get; } = new(null, new HashSet<string>(StringComparer.Ordinal));

    /// <summary>The server reading on behalf of the moderators (e.g. an author's posts for the review queue): sees every category.</summary>
    public static Viewer Staff { get; } = new(null, new HashSet<string>(StringComparer.Ordinal) { Domain.Members.Roles.Moderator });

    public static Viewer Of(ClaimsPrincipal user) => MemberPrincipal.MemberId(user) is { } id
        ? new Viewer(id, user.FindAll(ClaimTypes.Role).Select(c => c.Value).ToHashSet(StringComparer.Ordinal))
        : Anonymous;

    public bool IsStaff => Roles.Contains(Domain.Members.Roles.Moderator) || Roles.Contains(Domain.Members.Roles.Admin);

    /// <summary>Open categories let everyone in; private ones their roles (Member = anyone signed in) and staff.</summary>
    public bool MayEnter(IReadOnlyList<string> access) =>
        access.Count == 0 || IsStaff || (MemberId is not null && access.Any(role => role == Domain.Members.Roles.Member || Roles.Contains(role)));

    /// <summary>The stored form of an access list: roles joined by commas, empty for open.</summary>
    public static string Store(IReadOnlyList<string>? access) => string.Join(',', Category.Normalize(access ?? []));

    public static IReadOnlyList<string> Parse(string stored) => stored.Split(',', StringSplitOptions.RemoveEmptyEntries);
}
