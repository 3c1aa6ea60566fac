using System.Security.Claims;
using BrandForum.Domain.Referrals;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Referrals;

public sealed record CampaignRequest(string? Label);

/// <summary>A member's own referral links and funnel, and the public <c>/join/{code}</c> link.</summary>
public static class ReferralEndpoints
{
    /// <summary>How long a visit through a link is remembered for the registration that may follow.</summary>
    public static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(30);

    public static IEndpointRouteBuilder MapReferralLinks(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/me").RequireAuthorization().WithMetadata(new RequestSizeLimitAttribute(16 * 1024));
        me.MapGet("/referral", MyReferralAsync);
        me.MapGet("/referrals", async (int? page, ClaimsPrincipal user, ReferralReads reads, CancellationToken ct) =>
            page is < 1 ? Problems.Invalid("page", "Pages count from 1.") : Results.Ok(Page(await reads.ReferralsAsync(Me(user), page ?? 1, includeStruck: false, ct), forStaff: false)));
        me.MapPost("/referral/campaigns", async (CampaignRequest? body, ClaimsPrincipal user, ReferralLinks links, HttpContext http, CancellationToken ct) =>
        {
            if (body?.Label is not { } label || !CampaignLabels.IsValid(label))
            {
                return Problems.Invalid("label", CampaignLabels.Rule);
            }

            var (code, created, refused) = await links.CampaignAsync(Me(user), label, ct);
            if (refused is not null)
            {
                return Problems.From(refused);
            }

            var campaign = new { label, code, link = links.Link(http, code!) };
            return created ? Results.Created("/api/me/referral", campaign) : Results.Ok(campaign);
        });
        app.MapGet("/join/{code}", JoinAsync);
        return app;
    }

    /// <summary>The member's personal code (issued on first use), its link, their funnel in all, and each campaign's.</summary>
    private static async Task<IResult> MyReferralAsync(ClaimsPrincipal user, ReferralLinks links, ReferralReads reads, HttpContext http, CancellationToken ct)
    {
        var (code, refused) = await links.PersonalCodeAsync(Me(user), ct);
        if (refused is not null)
        {
            return Problems.From(refused);
        }

        var (total, codes) = await reads.SummaryAsync(Me(user), ct);
        return Results.Ok(new
        {
            code,
            link = links.Link(http, code!),
            invited = total.Invited,
            registered = total.Registered,
            activated = total.Activated,
            retained = total.Retained,
            campaigns = codes.Where(c => c.Label is not null).Select(c => new
            {
                label = c.Label,
                code = c.Code,
                link = links.Link(http, c.Code),
                invited = c.Counts.Invited,
                registered = c.Counts.Registered,
                activated = c.Counts.Activated,
                retained = c.Counts.Retained,
            }),
        });
    }

    /// <summary>
    /// Counts the visit and remembers the code in a cookie for the registration, then sends the visitor to sign up.
    /// An unknown code is not counted (or anyone could fill the counters) but lands on the same page: a link that
    /// stopped working should still let people join. A repeat visit with the same cookie is not counted again.
    /// </summary>
    private static async Task<IResult> JoinAsync(string code, HttpContext http, ReferralLinks links, CancellationToken ct)
    {
        if (ReferralCodes.Normalize(code) is not { } normal || await links.FindAsync(normal, ct) is null)
        {
            return Results.Redirect("/account/register");
        }

        if (http.Request.Cookies[ReferralAttributions.Cookie] != normal)
        {
            await links.RecordVisitAsync(normal, ct);
        }

        http.Response.Cookies.Append(ReferralAttributions.Cookie, normal, new CookieOptions
        {
            HttpOnly = true,
            SameSite = SameSiteMode.Lax,
            Secure = http.Request.IsHttps,
            MaxAge = CookieLifetime,
            IsEssential = true,
        });
        return Results.Redirect($"/account/register?code={normal}");
    }

    /// <summary>A page of referrals; staff also see the code each came through and when a ban struck it.</summary>
    public static object Page((IReadOnlyList<ReferralRow> Items, int Page, int PageSize, int Total) page, bool forStaff) => new
    {
        items = page.Items.Select(r => forStaff
            ? (object)new { userName = r.UserName, registeredAt = r.RegisteredAt, activatedAt = r.ActivatedAt, status = Name(r.Stage), code = r.Code, struckAt = r.StruckAt }
            : new { userName = r.UserName, registeredAt = r.RegisteredAt, activatedAt = r.ActivatedAt, status = Name(r.Stage) }),
        page = page.Page,
        pageSize = page.PageSize,
        total = page.Total,
    };

    public static object Counts(FunnelCounts c) => new { invited = c.Invited, registered = c.Registered, activated = c.Activated, retained = c.Retained, struck = c.Struck };

    private static string Name(ReferralStage stage) => stage.ToString().ToLowerInvariant();

    private static Guid Me(ClaimsPrincipal user) => MemberPrincipal.MemberId(user)!.Value;
}
