using BrandForum.Domain.Badges;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Badges;

/// <summary>Staff grant and revoke manual badges; the badge projection turns the events into awards.</summary>
public sealed class BadgeCommands(IEventStore store, BadgeCatalogue catalogue, MemberCards cards, TimeProvider time)
{
    public async Task<Refusal?> GrantAsync(Guid memberId, string? badgeId, string? reason, Guid by, CancellationToken ct)
    {
        if (await ManualAsync(memberId, badgeId, ct) is { Refusal: { } refusal })
        {
            return refusal;
        }

        var badge = catalogue.Find(badgeId!)!;
        return await DecideAsync(memberId, new GrantBadge(badge.Id, badge.Multiple, reason ?? "", by, time.GetUtcNow()), by, ct);
    }

    public async Task<Refusal?> RevokeAsync(Guid memberId, string? badgeId, string? reason, Guid by, CancellationToken ct)
    {
        if (await ManualAsync(memberId, badgeId, ct) is { Refusal: { } refusal })
        {
            return refusal;
        }

        var badge = catalogue.Find(badgeId!)!;
        return await DecideAsync(memberId, new RevokeBadge(badge.Id, badge.Revocable, reason, by, time.GetUtcNow()), by, ct);
    }

    private async Task<(Refusal? Refusal, bool Ok)> ManualAsync(Guid memberId, string? badgeId, CancellationToken ct)
    {
        if (badgeId is not { Length: > 0 } || catalogue.Find(badgeId) is not { } badge)
        {
            return (new Refusal("invalid-badge", "No badge of the catalogue has this id.", "badge"), false);
        }

        if (!badge.IsManual)
        {
            return (new Refusal("invalid-badge", "This badge is earned by activity, not granted by hand.", "badge"), false);
        }

        return await cards.FindAsync(memberId, ct) is null ? (new Refusal("member-not-found", "There is no such member.", null), false) : (null, true);
    }

    private async Task<Refusal?> DecideAsync(Guid memberId, BadgeCommand command, Guid by, CancellationToken ct)
    {
        var decided = await store.DecideAsync(BadgesSetup.StreamId(memberId), MemberBadges.DeciderFor(memberId), command, new EventMetadata(Actor: by.ToString()), ct: ct);
        return decided.Decision.Error is { } error
            ? new Refusal(error.Code, error.Message, error.Code == "invalid-reason" ? "reason" : null)
            : null;
    }
}
