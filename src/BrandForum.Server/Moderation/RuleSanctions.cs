using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

/// <summary>
/// What rules do beyond the post itself: a rejection is recorded (nothing was published, but the trail shows it),
/// and a <c>silence</c> rule silences the author, as a sanction the rule imposed (no human actor:
/// <see cref="Guid.Empty"/> stands for "a rule", its id and version in the reason).
/// </summary>
public sealed class RuleSanctions(IEventStore store, TimeProvider time)
{
    public const int ExcerptLength = 200;

    public static string RejectionsStreamId(Guid memberId) => $"rejections-{memberId}";

    public Task RecordRejectionAsync(Guid memberId, ContentKind kind, string category, Guid? topicId, string body, Screening screening, CancellationToken ct)
    {
        var rule = screening.Hits.First(h => h.Action == RuleAction.Reject);
        var rejected = new SubmissionRejected(memberId, kind, category, topicId, Excerpt(body), rule.RuleId, screening.RulebookVersion, time.GetUtcNow());
        return store.AppendAsync(RejectionsStreamId(memberId), ExpectedVersion.Any, [rejected], new EventMetadata(Actor: memberId.ToString()), ct);
    }

    public async Task SilenceAsync(Guid memberId, RuleHit rule, int rulebookVersion, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var reason = $"{rule.Message ?? "A community rule silenced you."} (rule {rule.RuleId}, rulebook v{rulebookVersion})";
        await store.DecideAsync(
            SanctionCommands.StreamId(memberId),
            Sanctions.DeciderFor(memberId),
            new ImposeSanction(Guid.CreateVersion7(now), SanctionKind.Silence, rule.SilenceHours, reason[..Math.Min(reason.Length, Sanctions.MaxReasonLength)], Guid.Empty, now),
            new EventMetadata(Actor: $"rule:{rule.RuleId}"),
            ct: ct);
    }

    public static string Excerpt(string body) => body.Length <= ExcerptLength ? body : body[..ExcerptLength] + "…";
}
