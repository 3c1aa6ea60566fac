using BrandForum.Domain.Crisis;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Crisis;

/// <summary>The terms as the API writes them (API.md): all required.</summary>
public sealed record CrisisRequest(int? SlowModeSeconds, int? HoldBelowTrustLevel, string? Statement, DateTimeOffset? Until);

/// <summary>Staff declare, change and lift crises; the board is refreshed at once so this node's next post sees it.</summary>
public sealed class CrisisCommands(IEventStore store, CategoryReads categories, CrisisBoard board, TimeProvider time)
{
    public async Task<Refusal?> DeclareAsync(string scope, CrisisRequest request, Guid by, CancellationToken ct)
    {
        if (await ScopeAsync(scope, ct) is { } unknown)
        {
            return unknown;
        }

        if (request is not { SlowModeSeconds: { } slow, HoldBelowTrustLevel: { } hold, Statement: { } statement, Until: { } until })
        {
            var field = request.SlowModeSeconds is null ? "slowModeSeconds" : request.HoldBelowTrustLevel is null ? "holdBelowTrustLevel" : request.Statement is null ? "statement" : "until";
            return new Refusal("invalid-crisis", $"A crisis needs {field}.", field);
        }

        var terms = new CrisisTerms(slow, hold, statement.Trim(), until.ToUniversalTime());
        return await DecideAsync(scope, new DeclareCrisis(scope, terms, by, time.GetUtcNow()), by, ct);
    }

    public async Task<Refusal?> LiftAsync(string scope, Guid by, CancellationToken ct) =>
        await ScopeAsync(scope, ct) ?? await DecideAsync(scope, new EndCrisis(by, time.GetUtcNow()), by, ct);

    private async Task<Refusal?> ScopeAsync(string scope, CancellationToken ct) =>
        scope == CrisisMode.Site || await categories.FindAsync(scope, ct) is not null
            ? null
            : new Refusal("scope-not-found", "A crisis scope is site or a category's slug.", null);

    private async Task<Refusal?> DecideAsync(string scope, CrisisCommand command, Guid by, CancellationToken ct)
    {
        var decided = await store.DecideAsync(CrisisSetup.StreamId(scope), CrisisMode.DeciderFor(scope), command, new EventMetadata(Actor: by.ToString()), ct: ct);
        board.Invalidate();
        return decided.Decision.Error is { } error
            ? new Refusal(error.Code, error.Message, error.Code switch
            {
                "invalid-slow-mode" => "slowModeSeconds",
                "invalid-trust-level" => "holdBelowTrustLevel",
                "invalid-statement" => "statement",
                "invalid-until" => "until",
                _ => null,
            })
            : null;
    }
}
