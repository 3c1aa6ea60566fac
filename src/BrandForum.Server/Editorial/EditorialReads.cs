using System.Data.Common;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Editorial;

/// <summary>An occurrence already published, and its topic.</summary>
public sealed record PublicationView(int Occurrence, DateTimeOffset ScheduledFor, DateTimeOffset PublishedAt, Guid TopicId);

/// <summary>
/// A calendar item. <see cref="PublishAt"/> is its next publishing time; <see cref="Upcoming"/> the later
/// occurrences of a recurring item within the range asked; <see cref="Publications"/> those already published in it.
/// </summary>
public sealed record EditorialItemView(
    Guid ItemId, Guid OwnerId, string? Owner, string Category, string Title, string Body, string State, DateTimeOffset PublishAt,
    RecurrenceRequest? Recurrence, string Author, int Occurrence, string? ApprovedBy, DateTimeOffset UpdatedAt,
    IReadOnlyList<DateTimeOffset> Upcoming, IReadOnlyList<PublicationView> Publications)
{
    public bool IsOpen => State is not ("published" or "cancelled");
}

/// <summary>Reads of the calendar (kept by <see cref="EditorialProjection"/>).</summary>
public sealed class EditorialReads(SqlEventStore store)
{
    public const int MaxRangeDays = 366;

    private const string Select =
        "SELECT i.item_id, i.owner_id, o.user_name, i.category, i.title, i.body, i.stage, i.publish_at, i.recurrence, i.as_brand, i.occurrence, a.user_name, i.updated_at " +
        "FROM editorial_items i LEFT JOIN member_cards o ON o.member_id = i.owner_id LEFT JOIN member_cards a ON a.member_id = i.approved_by ";

    public async Task<EditorialItemView?> FindAsync(Guid itemId, CancellationToken ct)
    {
        var rows = await store.QueryAsync(Select + "WHERE i.item_id = @item", Read, ct, ("item", Sql.Id(store.Engine, itemId)));
        return rows.Count == 0 ? null : (await WithPublicationsAsync(rows, DateTimeOffset.MinValue, DateTimeOffset.MaxValue, ct, upcoming: 4))[0];
    }

    /// <summary>
    /// Items with something in [<paramref name="from"/>, <paramref name="to"/>): their next time, a later occurrence
    /// (recurring ones) or a published occurrence; by time.
    /// </summary>
    public async Task<IReadOnlyList<EditorialItemView>> BetweenAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken ct)
    {
        var (f, t) = (Sql.Time(store.Engine, from), Sql.Time(store.Engine, to));
        var rows = await store.QueryAsync(
            Select + "WHERE (i.publish_at >= @from AND i.publish_at < @to) OR (i.recurrence IS NOT NULL AND i.stage = 'scheduled' AND i.publish_at < @to) " +
            "OR i.item_id IN (SELECT item_id FROM editorial_publications WHERE scheduled_for >= @from AND scheduled_for < @to) ORDER BY i.publish_at, i.item_id",
            Read,
            ct,
            ("from", f), ("to", t));
        return await WithPublicationsAsync(rows, from, to, ct);
    }

    private async Task<List<EditorialItemView>> WithPublicationsAsync(List<EditorialItemView> items, DateTimeOffset from, DateTimeOffset to, CancellationToken ct, int upcoming = 62)
    {
        if (items.Count == 0)
        {
            return items;
        }

        var engine = store.Engine;
        var ids = string.Join(", ", items.Select((_, i) => $"@i{i}"));
        var publications = (await store.QueryAsync(
            $"SELECT item_id, occurrence, scheduled_for, published_at, topic_id FROM editorial_publications WHERE item_id IN ({ids}) ORDER BY occurrence",
            r => (Item: r.GetGuid(0), View: new PublicationView(r.GetInt32(1), Sql.ReadTime(r, 2), Sql.ReadTime(r, 3), r.GetGuid(4))),
            ct,
            [.. items.Select((item, i) => ($"i{i}", Sql.Id(engine, item.ItemId)))])).ToLookup(p => p.Item, p => p.View);
        return [.. items.Select(item => item with
        {
            Publications = [.. publications[item.ItemId].Where(p => p.ScheduledFor >= from && p.ScheduledFor < to)],
            Upcoming = Upcoming(item, from, to, upcoming),
        })];
    }

    /// <summary>The occurrences after the next one that fall in the range (the next one is <see cref="EditorialItemView.PublishAt"/>).</summary>
    private static IReadOnlyList<DateTimeOffset> Upcoming(EditorialItemView item, DateTimeOffset from, DateTimeOffset to, int limit) =>
        item is { State: "scheduled", Recurrence: not null } && Recurrences.Parse(item.Recurrence).Recurrence is { } recurrence
            ? [.. Recurrences.Between(recurrence, Recurrences.Next(recurrence, item.PublishAt), to, limit).Where(at => at >= from)]
            : [];

    private static EditorialItemView Read(DbDataReader r) => new(
        r.GetGuid(0), r.GetGuid(1), Sql.ReadOptionalString(r, 2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6), Sql.ReadTime(r, 7),
        RecurrenceRequest.Of(EditorialProjection.ReadRecurrence(Sql.ReadOptionalString(r, 8))), r.GetInt32(9) == 1 ? "brand" : "owner", r.GetInt32(10),
        Sql.ReadOptionalString(r, 11), Sql.ReadTime(r, 12), [], []);
}
