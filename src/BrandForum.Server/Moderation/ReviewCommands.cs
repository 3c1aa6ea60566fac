using BrandForum.Domain.Moderation;
using BrandForum.Domain.Topics;
using BrandForum.Server.Categories;
using BrandForum.Server.Members;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

/// <summary>A sanction imposed with a review decision, in the same step.</summary>
public sealed record SanctionWith(SanctionKind Kind, int? Hours, string Reason);

/// <summary>
/// Flags and the review queue, through the topic decider: a flag weighs 1 + the flagger's trust level (staff 5),
/// less when the flagger's flags are mostly rejected, and the post is hidden when the flags' weight reaches
/// Forum:Moderation:FlagThreshold (default 8). Decisions may carry a sanction for the author.
/// </summary>
public sealed class ReviewCommands(
    TopicCommands topics, TopicReads topicReads, ReviewReads reviews, MemberStanding standing, SanctionCommands sanctions, IConfiguration configuration)
{
    private static readonly Refusal NotInReview = new("item-not-found", "There is no such item in the review queue.", null);

    private readonly double _threshold = configuration.GetValue("Forum:Moderation:FlagThreshold", 8.0);

    public async Task<Refusal?> FlagAsync(Viewer viewer, Guid postId, FlagReason reason, string? note, CancellationToken ct)
    {
        if (await topicReads.TopicOfPostAsync(postId, ct) is not { } topicId)
        {
            return new Refusal("post-not-found", "There is no such post.", null);
        }

        var flagger = viewer.MemberId!.Value;
        var (upheld, rejected) = await reviews.FlaggerRecordAsync(flagger, ct);
        var weight = TrustLevels.FlagWeight(await standing.RecentTrustLevelAsync(flagger, ct), viewer.IsStaff, upheld, rejected);
        return await topics.ActAsync(viewer, topicId, (by, at) => new FlagPost(postId, reason, note, weight, _threshold, by, at), ct);
    }

    public async Task<Refusal?> ClaimAsync(Viewer viewer, Guid itemId, bool claim, CancellationToken ct) =>
        await reviews.TopicOfAsync(itemId, ct) is not { } topicId
            ? NotInReview
            : await topics.ActAsync(viewer, topicId, (by, at) => new ClaimReview(itemId, claim, by, at), ct);

    public async Task<Refusal?> DecideAsync(Viewer viewer, Guid itemId, ReviewDecision decision, string? reason, SanctionWith? sanction, CancellationToken ct)
    {
        if (await reviews.FindOpenAsync(itemId, ct) is not { } item)
        {
            return await reviews.TopicOfAsync(itemId, ct) is null ? NotInReview : new Refusal("not-in-review", "This item was decided already.", null);
        }

        if (await topics.ActAsync(viewer, item.TopicId, (by, at) => new ReviewPost(itemId, decision, reason, by, at), ct) is { } refused)
        {
            return refused;
        }

        return sanction is null ? null : (await sanctions.ImposeAsync(item.Author.MemberId, sanction.Kind, sanction.Hours, sanction.Reason, viewer, ct)).Refused;
    }
}
