namespace BrandForum.Domain.Badges;

/// <summary>
/// The member was told that they earned a badge (stream <c>notices-{memberId}</c>): the live <c>me</c> channel and the
/// bell carry it. Awards themselves are derived by the badges projection and re-derived by a rebuild; this event is
/// the one-time notice of a new award, so a rebuild never notifies twice.
/// </summary>
public sealed record BadgeAwarded(Guid MemberId, string Badge, string Name, string Tier, DateTimeOffset At);
