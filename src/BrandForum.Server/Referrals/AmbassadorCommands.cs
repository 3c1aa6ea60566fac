using BrandForum.Domain.Members;
using BrandForum.Domain.Referrals;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Referrals;

/// <summary>
/// Community managers' changes to the programme. The ambassador's stream decides; the Ambassador role follows on
/// the member's stream through the same GrantRole/RevokeRole as the admins' roles page. Two streams cannot change
/// in one append, so the role is brought in line with the programme after every command, even one that changed
/// nothing: repeating a command repairs a role change that failed the first time.
/// </summary>
public sealed class AmbassadorCommands(IEventStore store, SqlEventStore reads, MemberCards cards, TimeProvider time)
{
    public async Task<Refusal?> DecideAsync(Guid memberId, Func<DateTimeOffset, AmbassadorCommand> command, Guid by, CancellationToken ct)
    {
        if (await cards.FindAsync(memberId, ct) is null)
        {
            return new Refusal("member-not-found", "There is no such member.", null);
        }

        var now = time.GetUtcNow();
        var metadata = new EventMetadata(Actor: by.ToString());
        var decided = await store.DecideAsync(ReferralsSetup.AmbassadorStreamId(memberId), Ambassador.DeciderFor(memberId), command(now), metadata, ct: ct);
        if (decided.Decision.Error is { } error)
        {
            return new Refusal(error.Code, error.Message, error.Code switch { "invalid-tier" => "tier", "invalid-note" => "note", _ => null });
        }

        var status = await reads.QueryAsync("SELECT status FROM ambassadors WHERE member_id = @m", r => r.GetString(0), ct, ("m", Sql.Id(reads.Engine, memberId)));
        // The role is for active ambassadors: it opens the ambassadors' category, which a paused one no longer reads.
        var current = status is [var s] && s == ProgrammeProjection.Status(AmbassadorStatus.Active);
        MemberCommand role = current ? new GrantRole(Roles.Ambassador, by, now) : new RevokeRole(Roles.Ambassador, by, now);
        var synced = await store.DecideAsync(MembersSetup.StreamId(memberId), Member.Decider, role, metadata, ct: ct);
        return synced.Decision.Error is { } roleError ? new Refusal(roleError.Code, roleError.Message, null) : null;
    }
}
