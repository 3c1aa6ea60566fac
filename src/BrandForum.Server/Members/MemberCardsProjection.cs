using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Members;

/// <summary>
/// Inline: a member's public card and roles, updated in the same transaction as the event, so a role granted
/// is in force on the very next request (authorization reads roles from here, not from old claims).
/// </summary>
public sealed class MemberCardsProjection : IProjection
{
    public string Name => "member-cards";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(MembersSetup.EventNames.Values, StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var member = Sql.Id(context.Engine, MembersSetup.MemberIdOf(e.StreamId));
            await (e.Data switch
            {
                MemberRegistered r => context.WriteAsync(
                    "INSERT INTO member_cards (member_id, user_name, user_key, joined_at) VALUES (@m, @name, @key, @at)",
                    ct,
                    ("m", member),
                    ("name", r.UserName),
                    ("key", r.UserName.ToUpperInvariant()),
                    ("at", Sql.Time(context.Engine, r.At))),
                RoleGranted g => context.WriteAsync(
                    "INSERT INTO member_roles (member_id, role) VALUES (@m, @role) ON CONFLICT DO NOTHING", ct, ("m", member), ("role", g.Role)),
                RoleRevoked r => context.WriteAsync(
                    "DELETE FROM member_roles WHERE member_id = @m AND role = @role", ct, ("m", member), ("role", r.Role)),
                ProfileEdited p => context.WriteAsync(
                    "UPDATE member_cards SET display_name = @display, bio = @bio, avatar_url = @avatar WHERE member_id = @m",
                    ct,
                    ("display", p.DisplayName),
                    ("bio", p.Bio),
                    ("avatar", p.AvatarUrl),
                    ("m", member)),
                LanguageChosen l => context.WriteAsync(
                    "UPDATE member_cards SET language = @language WHERE member_id = @m", ct, ("language", l.Language), ("m", member)),
                _ => Task.CompletedTask,
            });
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM member_roles", ct);
        await context.ExecuteAsync("DELETE FROM member_cards", ct);
    }
}
