using System.Data.Common;
using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Categories;

/// <summary>
/// A category with its counts (from the topic list, so never out of step) and, for a signed-in reader, how many
/// of its topics they have not caught up with: opened topics with newer posts, and topics never opened that came
/// since their last visit.
/// </summary>
public sealed record CategorySummary(
    Guid CategoryId, string Slug, string Name, string Description, string Color, bool Archived, IReadOnlyList<string> Access, int Position,
    long TopicCount, long PostCount, DateTimeOffset? LastPostAt, long? UnreadTopics)
{
    public bool IsPrivate => Access.Count > 0;
}

/// <summary>Reads categories as a given <see cref="Viewer"/> may see them: a private category is absent for others.</summary>
public sealed class CategoryReads(SqlEventStore store, Visits visits)
{
    private const string Select =
        "SELECT c.category_id, c.slug, c.name, c.description, c.color, c.archived, c.access, c.position, count(t.topic_id), coalesce(sum(t.post_count), 0), max(t.last_post_at), ";

    private const string Unread =
        "sum(CASE WHEN r.last_read IS NULL THEN (CASE WHEN t.created_at > @since THEN 1 ELSE 0 END) WHEN t.post_count > r.last_read THEN 1 ELSE 0 END) " +
        "FROM categories c LEFT JOIN topics t ON t.category = c.slug LEFT JOIN topic_reads r ON r.topic_id = t.topic_id AND r.member_id = @reader ";

    private const string NoUnread = "NULL FROM categories c LEFT JOIN topics t ON t.category = c.slug ";

    private const string Group = " GROUP BY c.category_id, c.slug, c.name, c.description, c.color, c.archived, c.access, c.position";

    /// <summary>The categories this viewer may enter, in their set order; archived ones only when asked (admin pages).</summary>
    public async Task<IReadOnlyList<CategorySummary>> AllAsync(Viewer viewer, CancellationToken ct, bool withArchived = false)
    {
        var all = await QueryAsync("WHERE (c.archived = @no OR @all = @yes)" + Group + " ORDER BY c.position, c.name", viewer, ct, ("no", false), ("yes", true), ("all", withArchived));
        return [.. all.Where(c => viewer.MayEnter(c.Access))];
    }

    /// <summary>The category, whoever asks: for decisions (is it archived? who may enter?), never for display.</summary>
    public async Task<CategorySummary?> FindAsync(string slug, CancellationToken ct) =>
        (await QueryAsync("WHERE c.slug = @s" + Group, Viewer.Anonymous, ct, ("s", slug))).SingleOrDefault();

    /// <summary>The category if this viewer may enter it, else null, exactly as if it did not exist.</summary>
    public async Task<CategorySummary?> FindVisibleAsync(string slug, Viewer viewer, CancellationToken ct) =>
        (await QueryAsync("WHERE c.slug = @s" + Group, viewer, ct, ("s", slug))).SingleOrDefault() is { } found && viewer.MayEnter(found.Access) ? found : null;

    /// <summary>Slugs of the categories this viewer may not enter, to leave their topics out of lists and search.</summary>
    public async Task<IReadOnlyList<string>> HiddenFromAsync(Viewer viewer, CancellationToken ct) =>
        viewer.IsStaff ? [] : [.. (await store.QueryAsync("SELECT slug, access FROM categories WHERE access <> ''", r => (Slug: r.GetString(0), Access: Viewer.Parse(r.GetString(1))), ct))
            .Where(c => !viewer.MayEnter(c.Access)).Select(c => c.Slug)];

    private async Task<IReadOnlyList<CategorySummary>> QueryAsync(string where, Viewer viewer, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        if (viewer.MemberId is not { } member)
        {
            return await store.QueryAsync(Select + NoUnread + where, Read, ct, parameters);
        }

        var since = await visits.PreviousVisitAsync(member, ct) ?? DateTimeOffset.UnixEpoch;
        return await store.QueryAsync(
            Select + Unread + where, Read, ct, [.. parameters, ("reader", Sql.Id(store.Engine, member)), ("since", Sql.Time(store.Engine, since))]);
    }

    private static CategorySummary Read(DbDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5), Viewer.Parse(r.GetString(6)), r.GetInt32(7),
        Long(r, 8), Long(r, 9), Sql.ReadOptionalTime(r, 10), r.IsDBNull(11) ? null : Long(r, 11));

    private static long Long(DbDataReader r, int i) => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture);
}
