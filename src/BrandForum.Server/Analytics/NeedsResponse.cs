using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using Microsoft.Extensions.Options;

namespace BrandForum.Server.Analytics;

public sealed record WaitingTopic(Guid TopicId, string Title, string Category, string? Author, DateTimeOffset StartedAt, double WaitingHours, double TargetHours);

/// <summary>
/// The customer-service queue: topics opened by members that no staff member or ambassador has answered after their
/// category's target (<see cref="AnalyticsOptions.TargetFor"/>), oldest first. Read from the analytics projection, so
/// an answer takes the projection's lag (a second or so) to take a topic off the queue.
/// </summary>
public sealed class NeedsResponse(SqlEventStore store, IOptions<AnalyticsOptions> options, TimeProvider time)
{
    public const int Limit = 200;

    public async Task<IReadOnlyList<WaitingTopic>> ListAsync(string? category, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var targets = options.Value;
        var shortest = targets.ResponseTargets.Values.Append(targets.ResponseTargetHours).Min();
        var rows = await store.QueryAsync(
            "SELECT a.topic_id, t.title, a.category, c.user_name, a.started_at, m.roles FROM analytics_topics a " +
            "JOIN topics t ON t.topic_id = a.topic_id LEFT JOIN member_cards c ON c.member_id = a.author_id LEFT JOIN analytics_members m ON m.member_id = a.author_id " +
            "WHERE a.opened = @yes AND a.first_staff_hours IS NULL AND a.started_at <= @before" + (category is null ? "" : " AND a.category = @c") +
            " ORDER BY a.started_at, a.topic_id",
            r => (Id: AnalyticsProjection.ReadId(r.GetValue(0)), Title: r.GetString(1), Category: r.GetString(2), Author: Sql.ReadOptionalString(r, 3),
                StartedAt: Sql.ReadTime(r, 4), Roles: Sql.ReadOptionalString(r, 5) ?? ""),
            ct,
            ("yes", store.Engine == StorageEngine.Postgres ? true : 1), ("before", Sql.Time(store.Engine, now.AddHours(-shortest))), ("c", category ?? ""));
        return [.. rows
            .Where(r => !IsAnswerer(r.Roles) && (now - r.StartedAt).TotalHours >= targets.TargetFor(r.Category))
            .Select(r => new WaitingTopic(r.Id, r.Title, r.Category, r.Author, r.StartedAt, Math.Round((now - r.StartedAt).TotalHours, 1), targets.TargetFor(r.Category)))
            .Take(Limit)];
    }

    /// <summary>Staff and ambassadors are who answers; their own topics wait for nobody.</summary>
    private static bool IsAnswerer(string roles) =>
        roles.Split(',').Any(r => r is Roles.Moderator or Roles.Admin or Roles.Ambassador);
}
