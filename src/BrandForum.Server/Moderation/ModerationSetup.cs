using System.Security.Claims;
using BrandForum.Domain.Moderation;
using BrandForum.Server.Http;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Mvc;

namespace BrandForum.Server.Moderation;

public sealed record RulebookRequest(string? Yaml);

public sealed record BacktestRequest(string? Yaml, int? Days);

/// <summary>Moderation: the community rulebook, its back-test, sanctions and appeals (API.md, Moderation).</summary>
public static class ModerationSetup
{
    public static IServiceCollection AddModeration(this IServiceCollection services) => services
        .AddSingleton(new EventTypes(types =>
        {
            types.Register<RulebookPublished>("moderation.rulebook-published");
            types.Register<SubmissionRejected>("moderation.submission-rejected");
            types.Register<TrustLevelGranted>("moderation.trust-level-granted");
            foreach (var (type, name) in SanctionEventNames.All)
            {
                types.Register(type, name);
            }
        }))
        .AddSingleton(SanctionsProjection.Table)
        .AddSingleton(new InlineProjection(new SanctionsProjection()))
        .AddSingleton<SanctionReads>()
        .AddScoped<SanctionCommands>()
        .AddSingleton<Rulebooks>()
        .AddSingleton<ILogFollower>(provider => provider.GetRequiredService<Rulebooks>())
        .AddSingleton(MemberStanding.Indexes)
        .AddSingleton<MemberStanding>()
        .AddSingleton<Backtest>()
        .AddSingleton<PostScreener>()
        .AddSingleton(ReviewQueueProjection.Tables)
        .AddSingleton(new InlineProjection(new ReviewQueueProjection()))
        .AddSingleton<ReviewReads>()
        .AddSingleton<AuthorHistory>()
        .AddScoped<ReviewCommands>()
        .AddSingleton<RuleSanctions>()
        .AddSingleton(AuditProjection.Table)
        .AddSingleton(new AsyncProjection(new AuditProjection()))
        .AddSingleton<AuditReads>();

    public static IEndpointRouteBuilder MapModeration(this IEndpointRouteBuilder app)
    {
        app.MapSanctions();
        app.MapReview();
        var moderation = app.MapGroup("/api/moderation").RequireAuthorization(MemberEndpoints.StaffPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(RulebookHistory.MaxYamlLength * 2));
        moderation.MapGet("/rulebook", async (Rulebooks rulebooks, CancellationToken ct) =>
        {
            var (version, yaml, _) = await rulebooks.CurrentAsync(ct);
            return Results.Ok(new { version, yaml });
        });
        moderation.MapPut("/rulebook", async (RulebookRequest? body, ClaimsPrincipal user, Rulebooks rulebooks, CancellationToken ct) =>
        {
            if (body?.Yaml is not { Length: > 0 } yaml)
            {
                return Problems.Invalid("yaml", "The rulebook's YAML is required.");
            }

            var (version, errors) = await rulebooks.PublishAsync(yaml, MemberPrincipal.MemberId(user)!.Value, ct);
            return version is { } published ? Results.Ok(new { version = published }) : InvalidRulebook(errors);
        });
        moderation.MapGet("/audit", async (int? page, string? actor, string? action, AuditReads audit, CancellationToken ct) =>
        {
            if (page is < 1 || actor is { Length: > 20 } || action is { Length: > 40 })
            {
                return Problems.Invalid("page", "Pages count from 1; actor is a user name, action an action name.");
            }

            var entries = await audit.PageAsync(page ?? 1, actor, action, ct);
            return Results.Ok(new { items = entries.Items, page = entries.Page, pageSize = entries.PageSize, total = entries.Total });
        });
        moderation.MapPost("/rulebook/backtest", async (BacktestRequest? body, Backtest backtest, CancellationToken ct) =>
        {
            if (body?.Yaml is not { Length: > 0 } yaml || body.Days is not (>= 1 and <= Backtest.MaxDays))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]>
                {
                    ["yaml"] = ["The draft rulebook's YAML is required."], ["days"] = [$"How many days back, 1 to {Backtest.MaxDays}."],
                });
            }

            var (rulebook, errors) = RulebookYaml.Parse(yaml);
            return rulebook is null ? InvalidRulebook(errors) : Results.Ok(await backtest.RunAsync(rulebook, body.Days.Value, ct));
        });
        return app;
    }

    private static IResult InvalidRulebook(IReadOnlyList<RulebookError> errors) => Results.Problem(
        statusCode: StatusCodes.Status400BadRequest,
        title: "The rulebook has mistakes.",
        extensions: new Dictionary<string, object?> { ["code"] = "invalid-rulebook", ["errors"] = errors.Select(e => new { line = e.Line, column = e.Column, message = e.Message }) });
}
