using BrandForum.Domain.Members;
using BrandForum.Domain.Moderation;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

/// <summary>
/// Imposing, lifting and appealing sanctions. Staff act on members below them: moderators sanction members and
/// ambassadors, admins moderators too, nobody an admin. A suspension or ban also ends every session at once.
/// </summary>
public sealed class SanctionCommands(IEventStore store, MemberCards cards, Sessions sessions, SanctionReads reads, TimeProvider time)
{
    public static string StreamId(Guid memberId) => $"sanctions-{memberId}";

    public async Task<(Guid? SanctionId, Refusal? Refused)> ImposeAsync(Guid memberId, SanctionKind kind, int? hours, string reason, Viewer by, CancellationToken ct)
    {
        if (await cards.FindAsync(memberId, ct) is not { } target)
        {
            return (null, new Refusal("member-not-found", "There is no such member.", null));
        }

        if (target.Roles.Contains(Roles.Admin) || (target.Roles.Contains(Roles.Moderator) && !by.Roles.Contains(Roles.Admin)))
        {
            return (null, new Refusal("not-allowed", "Staff answer to the admins: only an admin sanctions a moderator, and nobody an admin.", null));
        }

        var sanctionId = Guid.CreateVersion7(time.GetUtcNow());
        var refused = await DecideAsync(memberId, new ImposeSanction(sanctionId, kind, hours, reason, by.MemberId!.Value, time.GetUtcNow()), by, ct);
        if (refused is null && kind is SanctionKind.Suspend or SanctionKind.Ban)
        {
            await sessions.RevokeOthersAsync(memberId, keep: null, ct);
        }

        return refused is null ? (sanctionId, null) : (null, refused);
    }

    public Task<Refusal?> LiftAsync(Guid memberId, Guid sanctionId, string reason, Viewer by, CancellationToken ct) =>
        DecideAsync(memberId, new LiftSanction(sanctionId, reason, by.MemberId!.Value, time.GetUtcNow()), by, ct);

    public async Task<(Guid? AppealId, Refusal? Refused)> AppealAsync(Guid sanctionId, string text, Viewer by, CancellationToken ct)
    {
        var appealId = Guid.CreateVersion7(time.GetUtcNow());
        var refused = await DecideAsync(by.MemberId!.Value, new AppealSanction(sanctionId, appealId, text, by.MemberId.Value, time.GetUtcNow()), by, ct);
        return refused is null ? (appealId, null) : (null, refused);
    }

    public async Task<Refusal?> DecideAppealAsync(Guid appealId, bool lift, string reason, Viewer by, CancellationToken ct) =>
        await reads.OfAppealAsync(appealId, ct) is not { } sanction
            ? new Refusal("appeal-not-found", "There is no such appeal.", null)
            : await DecideAsync(sanction.MemberId, new DecideAppeal(appealId, lift, reason, by.MemberId!.Value, time.GetUtcNow()), by, ct);

    private async Task<Refusal?> DecideAsync(Guid memberId, SanctionCommand command, Viewer by, CancellationToken ct)
    {
        var decided = await store.DecideAsync(StreamId(memberId), Sanctions.DeciderFor(memberId), command, new EventMetadata(Actor: by.MemberId.ToString()), ct: ct);
        return decided.Decision.Error is { } error
            ? new Refusal(error.Code, error.Message, error.Code switch { "invalid-reason" => "reason", "invalid-hours" => "hours", "invalid-text" => "text", _ => null })
            : null;
    }
}
