using System.Security.Claims;
using System.Text.Json;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Http;
using BrandForum.Server.Storage;
using BrandForum.Server.Members.Email;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Members;

public sealed record ProfileRequest(string? DisplayName, string? Bio, string? AvatarUrl);

public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword);

/// <summary>The signed-in member (/api/me), public profiles, sessions and (for admins) roles.</summary>
public static class MemberEndpoints
{
    public const string AdminPolicy = "admin";

    /// <summary>Moderators and admins.</summary>
    public const string StaffPolicy = "staff";

    public static IEndpointRouteBuilder MapMembers(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        me.MapGet("/", MeAsync);
        me.MapPatch("/", PatchMeAsync);
        me.MapPut("/profile", EditProfileAsync);
        me.MapPost("/password", ChangePasswordAsync).RequireRateLimiting(RateLimits.SignIn);
        me.MapPost("/email/confirmation", async (ClaimsPrincipal user, AccountEmails emails, HttpContext http, CancellationToken ct) =>
        {
            await emails.SendConfirmationAsync(MemberPrincipal.MemberId(user)!.Value, AuthEndpoints.BaseUrl(http), ct);
            return Results.Accepted();
        }).RequireRateLimiting(RateLimits.SignIn);
        me.MapGet("/sessions", SessionsAsync);
        me.MapDelete("/sessions/{sessionId:guid}", EndSessionAsync);

        app.MapGet("/api/members/{userName}", ProfileAsync);
        var roles = app.MapGroup("/api/members/{memberId:guid}/roles/{role}").RequireAuthorization(AdminPolicy);
        roles.MapPut("/", (Guid memberId, string role, ClaimsPrincipal user, IEventStore store, TimeProvider time, CancellationToken ct) =>
            ChangeRoleAsync(memberId, new GrantRole(RoleNamed(role), MemberPrincipal.MemberId(user)!.Value, time.GetUtcNow()), store, ct));
        roles.MapDelete("/", (Guid memberId, string role, ClaimsPrincipal user, IEventStore store, TimeProvider time, CancellationToken ct) =>
            ChangeRoleAsync(memberId, new RevokeRole(RoleNamed(role), MemberPrincipal.MemberId(user)!.Value, time.GetUtcNow()), store, ct));
        return app;
    }

    private static async Task<IResult> MeAsync(
        ClaimsPrincipal user, MemberCards cards, UserManager<ForumUser> users, Moderation.MemberStanding standing, Badges.BadgeReads badges, CancellationToken ct) =>
        await cards.FindAsync(MemberPrincipal.MemberId(user)!.Value, ct) is { } card
            ? Results.Ok(new
            {
                memberId = card.MemberId,
                userName = card.UserName,
                displayName = card.DisplayName,
                emailConfirmed = (await users.FindByIdAsync(card.MemberId.ToString()))?.EmailConfirmed ?? false,
                roles = card.Roles,
                language = card.Language,
                trustLevel = await standing.TrustLevelAsync(card.MemberId, ct),
                badges = await badges.OfMemberAsync(card.MemberId, ct),
            })
            : Results.NotFound();

    private static async Task<IResult> ProfileAsync(string userName, MemberCards cards, CancellationToken ct) =>
        await cards.FindByUserNameAsync(userName, ct) is { } card
            ? Results.Ok(new
            {
                memberId = card.MemberId,
                userName = card.UserName,
                displayName = card.DisplayName,
                bio = card.Bio,
                avatarUrl = card.AvatarUrl,
                joinedAt = card.JoinedAt,
                roles = card.Roles,
            })
            : Problems.Problem(StatusCodes.Status404NotFound, "There is no member with this user name.", "member-not-found");

    private static async Task<IResult> EditProfileAsync(ProfileRequest? body, ClaimsPrincipal user, IEventStore store, TimeProvider time, CancellationToken ct)
    {
        if (body is null)
        {
            return Problems.Invalid("body", "A JSON body with displayName, bio and avatarUrl is required.");
        }

        var memberId = MemberPrincipal.MemberId(user)!.Value;
        var decided = await store.DecideAsync(
            MembersSetup.StreamId(memberId),
            Member.Decider,
            new EditProfile(body.DisplayName, body.Bio, body.AvatarUrl, time.GetUtcNow()),
            new EventMetadata(Actor: memberId.ToString()),
            ct: ct);
        return decided.Decision.Error is { } error ? Problems.From(error) : Results.NoContent();
    }

    /// <summary>
    /// Changes only the fields present: today <c>language</c> ("en", "fr", or null to follow the browser's
    /// Accept-Language). A missing field is left alone, which is why the body is read as a JSON object.
    /// </summary>
    private static async Task<IResult> PatchMeAsync(JsonElement body, ClaimsPrincipal user, LanguageChoices languages, CancellationToken ct)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return Problems.Invalid("body", "A JSON object with the fields to change is required.");
        }

        if (body.TryGetProperty("language", out var language))
        {
            if (language.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
            {
                return Problems.Invalid("language", $"language is one of {string.Join(", ", Languages.Supported)}, or null.");
            }

            if (await languages.ChooseAsync(MemberPrincipal.MemberId(user)!.Value, language.GetString(), ct) is { } error)
            {
                return Problems.From(error);
            }
        }

        return Results.NoContent();
    }

    private static async Task<IResult> ChangePasswordAsync(PasswordChangeRequest? body, ClaimsPrincipal user, PasswordChanges passwords, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(body?.CurrentPassword) || string.IsNullOrEmpty(body.NewPassword))
        {
            return Problems.Invalid("newPassword", "The current password and a new one are required.");
        }

        var refused = await passwords.ChangeAsync(MemberPrincipal.MemberId(user)!.Value, MemberPrincipal.SessionId(user), body.CurrentPassword, body.NewPassword, ct);
        return refused is null ? Results.NoContent() : Problems.From(refused);
    }

    private static async Task<IResult> SessionsAsync(ClaimsPrincipal user, Sessions sessions, CancellationToken ct)
    {
        var current = MemberPrincipal.SessionId(user);
        var active = await sessions.ActiveAsync(MemberPrincipal.MemberId(user)!.Value, ct);
        return Results.Ok(active.Select(s => new { sessionId = s.SessionId, device = s.Device, createdAt = s.CreatedAt, lastSeenAt = s.LastSeenAt, current = s.SessionId == current }));
    }

    private static async Task<IResult> EndSessionAsync(Guid sessionId, ClaimsPrincipal user, Sessions sessions, CancellationToken ct) =>
        await sessions.RevokeAsync(MemberPrincipal.MemberId(user)!.Value, sessionId, ct)
            ? Results.NoContent()
            : Problems.Problem(StatusCodes.Status404NotFound, "You have no such active session.", "session-not-found");

    /// <summary>"moderator" in an address means "Moderator".</summary>
    private static string RoleNamed(string role) => Roles.Grantable.FirstOrDefault(r => r.Equals(role, StringComparison.OrdinalIgnoreCase)) ?? role;

    private static async Task<IResult> ChangeRoleAsync(Guid memberId, MemberCommand command, IEventStore store, CancellationToken ct)
    {
        var by = command is GrantRole g ? g.By : ((RevokeRole)command).By;
        var decided = await store.DecideAsync(MembersSetup.StreamId(memberId), Member.Decider, command, new EventMetadata(Actor: by.ToString()), ct: ct);
        return decided.Decision.Error is { } error ? Problems.From(error) : Results.NoContent();
    }
}
