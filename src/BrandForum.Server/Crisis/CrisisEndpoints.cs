using System.Security.Claims;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Crisis;

/// <summary>Declaring, changing, lifting and listing crises (staff).</summary>
public static class CrisisEndpoints
{
    public static IEndpointRouteBuilder MapCrisis(this IEndpointRouteBuilder app)
    {
        var crisis = app.MapGroup("/api/crisis").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(32 * 1024));
        crisis.MapGet("/", async (CrisisBoard board, CancellationToken ct) => Results.Ok(View(await board.AllInForceAsync(ct))));
        crisis.MapPut("/{scope}", async (string scope, CrisisRequest? body, ClaimsPrincipal user, CrisisCommands commands, CrisisBoard board, CancellationToken ct) =>
            await commands.DeclareAsync(scope, body ?? new(null, null, null, null), MemberPrincipal.MemberId(user)!.Value, ct) is { } refused
                ? Problems.From(refused)
                : Results.Ok(View(await board.AllInForceAsync(ct)).Single(c => c.Scope == scope)));
        crisis.MapDelete("/{scope}", async (string scope, ClaimsPrincipal user, CrisisCommands commands, CancellationToken ct) =>
            await commands.LiftAsync(scope, MemberPrincipal.MemberId(user)!.Value, ct) is { } refused ? Problems.From(refused) : Results.NoContent());
        return app;
    }

    private static IEnumerable<CrisisView> View(IEnumerable<CrisisInForce> crises) => crises.Select(c =>
        new CrisisView(c.Scope, c.Terms.SlowModeSeconds, c.Terms.HoldBelowTrustLevel, c.Terms.Statement, c.Terms.Until, c.StartedAt));
}

public sealed record CrisisView(string Scope, int SlowModeSeconds, int HoldBelowTrustLevel, string Statement, DateTimeOffset Until, DateTimeOffset StartedAt);
