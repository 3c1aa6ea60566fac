using System.Security.Claims;
using BrandForum.Domain.Referrals;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Referrals;

public sealed record EnrolRequest(int? Tier, string? Note);

public sealed record NoteRequest(string? Note);

/// <summary>The programme, for community managers: enrol, change tier, pause, resume, retire, list; and any ambassador's funnel.</summary>
public static class AmbassadorEndpoints
{
    public static IEndpointRouteBuilder MapAmbassadors(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api").RequireAuthorization(MemberEndpoints.StaffPolicy).WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        staff.MapGet("/ambassadors", async (ReferralReads reads, CancellationToken ct) => Results.Ok(await reads.AmbassadorsAsync(ct)));
        staff.MapPost("/ambassadors/{memberId:guid}", (Guid memberId, EnrolRequest? body, ClaimsPrincipal user, AmbassadorCommands commands, CancellationToken ct) =>
            body?.Tier is not { } tier
                ? Task.FromResult(Problems.Invalid("tier", "A tier is 1 (Ambassador), 2 (Senior) or 3 (Champion)."))
                : RunAsync(commands, memberId, at => new EnrolAmbassador(tier, body.Note, By(user), at), user, ct));
        staff.MapDelete("/ambassadors/{memberId:guid}", (Guid memberId, string? note, ClaimsPrincipal user, AmbassadorCommands commands, CancellationToken ct) =>
            RunAsync(commands, memberId, at => new RetireAmbassador(note, By(user), at), user, ct));
        staff.MapPost("/ambassadors/{memberId:guid}/pause", (Guid memberId, NoteRequest? body, ClaimsPrincipal user, AmbassadorCommands commands, CancellationToken ct) =>
            RunAsync(commands, memberId, at => new PauseAmbassador(body?.Note, By(user), at), user, ct));
        staff.MapPost("/ambassadors/{memberId:guid}/resume", (Guid memberId, NoteRequest? body, ClaimsPrincipal user, AmbassadorCommands commands, CancellationToken ct) =>
            RunAsync(commands, memberId, at => new ResumeAmbassador(body?.Note, By(user), at), user, ct));
        staff.MapGet("/ambassadors/{memberId:guid}/referrals", ReferralsOfAsync);
        staff.MapGet("/ambassadors/suggestions", async (SuggestionReads suggestions, CancellationToken ct) => Results.Ok((await suggestions.SuggestAsync(ct)).Select(s => new
        {
            memberId = s.MemberId,
            userName = s.UserName,
            score = s.Score,
            reasons = s.Reasons.Select(r => new { reason = r.Reason, count = r.Count }),
        })));
        staff.MapGet("/referrals/funnel", async (ReferralReads reads, CancellationToken ct) =>
        {
            var (total, referrers) = await reads.CommunityAsync(ct);
            return Results.Ok(new
            {
                total = ReferralEndpoints.Counts(total),
                referrers = referrers.Select(r => new { memberId = r.MemberId, userName = r.UserName, counts = ReferralEndpoints.Counts(r.Counts), flagged = r.Flagged }),
            });
        });
        return app;
    }

    /// <summary>Any referrer's funnel (in all and per code) and a page of the members they brought, struck ones included.</summary>
    private static async Task<IResult> ReferralsOfAsync(Guid memberId, int? page, ReferralReads reads, CancellationToken ct)
    {
        if (page is < 1)
        {
            return Problems.Invalid("page", "Pages count from 1.");
        }

        var (total, codes) = await reads.SummaryAsync(memberId, ct);
        return Results.Ok(new
        {
            total = ReferralEndpoints.Counts(total),
            codes = codes.Select(c => new { code = c.Code, label = c.Label, counts = ReferralEndpoints.Counts(c.Counts) }),
            referrals = ReferralEndpoints.Page(await reads.ReferralsAsync(memberId, page ?? 1, includeStruck: true, ct), forStaff: true),
        });
    }

    private static Guid By(ClaimsPrincipal user) => MemberPrincipal.MemberId(user)!.Value;

    private static async Task<IResult> RunAsync(AmbassadorCommands commands, Guid memberId, Func<DateTimeOffset, AmbassadorCommand> command, ClaimsPrincipal user, CancellationToken ct) =>
        await commands.DecideAsync(memberId, command, By(user), ct) is { } refused ? Problems.From(refused) : Results.NoContent();
}
