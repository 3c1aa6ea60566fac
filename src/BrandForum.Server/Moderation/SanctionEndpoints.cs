using System.Security.Claims;
using BrandForum.Domain.Moderation;
using BrandForum.Server.Categories;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Moderation;

public sealed record SanctionRequest(string? Kind, int? Hours, string? Reason);

public sealed record AppealRequest(string? Text);

/// <summary>A trust level set by hand (0–4), or null to let activity decide again.</summary>
public sealed record TrustLevelRequest(int? Level);

public sealed record AppealDecisionRequest(string? Decision, string? Reason);

/// <summary>A suspended or banned member cannot sign in, so they appeal by proving who they are in the request.</summary>
public sealed record SignedAppealRequest(string? Login, string? Password, Guid? SanctionId, string? Text, string? TwoFactorCode = null);

/// <summary>Sanctions and appeals (API.md, Moderation).</summary>
public static class SanctionEndpoints
{
    public static IEndpointRouteBuilder MapSanctions(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/members/{memberId:guid}/trust-level", async (Guid memberId, TrustLevelRequest? body, ClaimsPrincipal user, MemberCards cards, MemberStanding standing, CancellationToken ct) =>
        {
            if (body is null || body.Level is < 0 or > TrustLevels.Max)
            {
                return Problems.Invalid("level", $"A level is 0–{TrustLevels.Max}, or null to let activity decide.");
            }

            if (await cards.FindAsync(memberId, ct) is null)
            {
                return Problems.Problem(StatusCodes.Status404NotFound, "There is no such member.", "member-not-found");
            }

            await standing.GrantAsync(memberId, body.Level, MemberPrincipal.MemberId(user)!.Value, ct);
            return Results.Ok(new { trustLevel = await standing.TrustLevelAsync(memberId, ct) });
        }).RequireAuthorization(MemberEndpoints.AdminPolicy).WithMetadata(new RequestSizeLimitAttribute(1024));

        var staff = app.MapGroup("/api").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        staff.MapGet("/members/{memberId:guid}/sanctions", async (Guid memberId, SanctionReads reads, CancellationToken ct) => Results.Ok(await reads.OfMemberAsync(memberId, ct)));
        staff.MapPost("/members/{memberId:guid}/sanctions", async (Guid memberId, SanctionRequest? body, ClaimsPrincipal user, SanctionCommands commands, CancellationToken ct) =>
        {
            if (!Enum.TryParse<SanctionKind>(body?.Kind, ignoreCase: true, out var kind) || !body!.Kind!.All(char.IsAsciiLetterLower))
            {
                return Problems.Invalid("kind", "A sanction is warn, silence, suspend or ban.");
            }

            var (sanctionId, refused) = await commands.ImposeAsync(memberId, kind, body.Hours, body.Reason ?? "", Viewer.Of(user), ct);
            return refused is null ? Results.Created($"/api/members/{memberId}/sanctions", new { sanctionId }) : Problems.From(refused);
        });
        staff.MapDelete("/members/{memberId:guid}/sanctions/{sanctionId:guid}", async (Guid memberId, Guid sanctionId, string? reason, ClaimsPrincipal user, SanctionCommands commands, CancellationToken ct) =>
            await commands.LiftAsync(memberId, sanctionId, string.IsNullOrWhiteSpace(reason) ? "Lifted early by the moderators." : reason, Viewer.Of(user), ct) is { } refused
                ? Problems.From(refused)
                : Results.NoContent());
        staff.MapPost("/moderation/appeals/{appealId:guid}/decision", async (Guid appealId, AppealDecisionRequest? body, ClaimsPrincipal user, SanctionCommands commands, CancellationToken ct) =>
            body?.Decision is not ("uphold" or "lift")
                ? Problems.Invalid("decision", "The decision is uphold or lift.")
                : await commands.DecideAppealAsync(appealId, body.Decision == "lift", body.Reason ?? "", Viewer.Of(user), ct) is { } refused
                    ? Problems.From(refused)
                    : Results.NoContent());

        var me = app.MapGroup("/api/me/sanctions").RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        me.MapGet("/", async (ClaimsPrincipal user, SanctionReads reads, CancellationToken ct) => Results.Ok(await reads.OfMemberAsync(MemberPrincipal.MemberId(user)!.Value, ct)));
        me.MapPost("/{sanctionId:guid}/appeal", async (Guid sanctionId, AppealRequest? body, ClaimsPrincipal user, SanctionCommands commands, CancellationToken ct) =>
        {
            var (appealId, refused) = await commands.AppealAsync(sanctionId, body?.Text ?? "", Viewer.Of(user), ct);
            return refused is null ? Results.Created("/api/me/sanctions", new { appealId }) : Problems.From(refused);
        });
        app.MapPost("/api/auth/appeal", async (SignedAppealRequest? body, HttpContext http, SignIns signIns, SanctionCommands commands) =>
        {
            if (body is not { Login: { Length: > 0 } login, Password: { Length: > 0 } password, SanctionId: { } sanctionId })
            {
                return Problems.Invalid("login", "Your login, password and the sanction's id are required.");
            }

            var outcome = await signIns.CheckAsync(login, password, body.TwoFactorCode, null, null, http.RequestAborted);
            if (outcome is not { Step: SignInStep.Suspended, MemberId: { } memberId } || outcome.Sanction!.SanctionId != sanctionId)
            {
                return Problems.Problem(StatusCodes.Status401Unauthorized, "Wrong login or password, or no such suspension: signed-in members appeal from their account.", "wrong-credentials");
            }

            var (appealId, refused) = await commands.AppealAsync(sanctionId, body.Text ?? "", new Viewer(memberId, new HashSet<string>()), http.RequestAborted);
            return refused is null ? Results.Created("/api/me/sanctions", new { appealId }) : Problems.From(refused);
        }).RequireRateLimiting(RateLimits.SignIn).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        return app;
    }
}
