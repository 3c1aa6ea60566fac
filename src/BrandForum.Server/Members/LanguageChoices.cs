using BrandForum.Domain;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Members;

/// <summary>Saves a member's language (or null: follow the browser). Called by PATCH /api/me, the account page and the language switcher.</summary>
public sealed class LanguageChoices(IEventStore store, TimeProvider time)
{
    public async Task<DomainError?> ChooseAsync(Guid memberId, string? language, CancellationToken ct)
    {
        var decided = await store.DecideAsync(
            MembersSetup.StreamId(memberId),
            Member.Decider,
            new ChooseLanguage(language, time.GetUtcNow()),
            new EventMetadata(Actor: memberId.ToString()),
            ct: ct);
        return decided.Decision.Error;
    }
}
