namespace BrandForum.Domain.Members;

/// <summary>
/// A member came to the forum on <see cref="Day"/> (UTC): recorded once per member per day, in the member's
/// `visits-{id}` stream, so days visited (Regular badge, trust levels) and daily/weekly/monthly active members are
/// projections of the log like everything else, and a rebuild back-fills them.
/// </summary>
public sealed record MemberVisited(Guid MemberId, DateOnly Day, DateTimeOffset At);
