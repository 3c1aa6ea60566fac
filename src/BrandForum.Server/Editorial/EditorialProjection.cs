using System.Text.Json;
using BrandForum.Domain.Editorial;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Editorial;

/// <summary>
/// Inline: the calendar (one row per item, at its next publishing time) and the publications (one row per
/// published occurrence, with what its topic says), so the page reads its writes and the publisher finds what is
/// due and what still lacks its topic.
/// </summary>
public sealed class EditorialProjection : IProjection
{
    public static Migration Tables { get; } = new(
        "editorial/001-items-publications",
        """
        CREATE TABLE editorial_items (
          item_id uuid PRIMARY KEY, owner_id uuid NOT NULL, category text NOT NULL, title text NOT NULL, body text NOT NULL, stage text NOT NULL,
          publish_at timestamptz NOT NULL, recurrence text, as_brand int NOT NULL, occurrence int NOT NULL, approved_by uuid,
          created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL);
        CREATE INDEX editorial_items_due ON editorial_items (stage, publish_at);
        CREATE TABLE editorial_publications (
          item_id uuid NOT NULL, occurrence int NOT NULL, topic_id uuid NOT NULL, category text NOT NULL, title text NOT NULL, body text NOT NULL,
          author_id uuid NOT NULL, scheduled_for timestamptz NOT NULL, published_at timestamptz NOT NULL, PRIMARY KEY (item_id, occurrence));
        CREATE INDEX editorial_publications_at ON editorial_publications (scheduled_for);
        """,
        """
        CREATE TABLE editorial_items (
          item_id TEXT PRIMARY KEY, owner_id TEXT NOT NULL, category TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, stage TEXT NOT NULL,
          publish_at TEXT NOT NULL, recurrence TEXT, as_brand INTEGER NOT NULL, occurrence INTEGER NOT NULL, approved_by TEXT,
          created_at TEXT NOT NULL, updated_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX editorial_items_due ON editorial_items (stage, publish_at);
        CREATE TABLE editorial_publications (
          item_id TEXT NOT NULL, occurrence INTEGER NOT NULL, topic_id TEXT NOT NULL, category TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL,
          author_id TEXT NOT NULL, scheduled_for TEXT NOT NULL, published_at TEXT NOT NULL, PRIMARY KEY (item_id, occurrence)) WITHOUT ROWID;
        CREATE INDEX editorial_publications_at ON editorial_publications (scheduled_for);
        """);

    public string Name => "editorial";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>(EditorialSetup.EventNames.Values, StringComparer.Ordinal);

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        var engine = context.Engine;
        foreach (var e in events)
        {
            var data = (EditorialEvent)e.Data;
            var item = ("item", Sql.Id(engine, data.ItemId));
            await (data switch
            {
                ItemCreated c => context.WriteAsync(
                    "INSERT INTO editorial_items (item_id, owner_id, category, title, body, stage, publish_at, recurrence, as_brand, occurrence, approved_by, created_at, updated_at) " +
                    "VALUES (@item, @owner, @category, @title, @body, @stage, @publish, @recurrence, @brand, 1, NULL, @at, @at)",
                    ct,
                    item, ("owner", Sql.Id(engine, c.OwnerId)), ("category", c.Category), ("title", c.Title), ("body", c.Body), ("stage", EditorialItem.Name(ItemStage.Idea)),
                    ("publish", Sql.Time(engine, c.PublishAt)), ("recurrence", Json(c.Recurrence)), ("brand", c.AsBrand ? 1 : 0), ("at", Sql.Time(engine, c.At))),
                ItemEdited d => context.WriteAsync(
                    "UPDATE editorial_items SET category = @category, title = @title, body = @body, recurrence = @recurrence, as_brand = @brand, updated_at = @at WHERE item_id = @item",
                    ct,
                    ("category", d.Category), ("title", d.Title), ("body", d.Body), ("recurrence", Json(d.Recurrence)), ("brand", d.AsBrand ? 1 : 0), ("at", Sql.Time(engine, d.At)), item),
                ItemMoved m => context.WriteAsync(
                    "UPDATE editorial_items SET stage = @stage, approved_by = @approver, updated_at = @at WHERE item_id = @item",
                    ct,
                    ("stage", EditorialItem.Name(m.To)), ("approver", m.To == ItemStage.Scheduled ? Sql.Id(engine, m.By) : null), ("at", Sql.Time(engine, m.At)), item),
                ItemRescheduled r => context.WriteAsync(
                    "UPDATE editorial_items SET publish_at = @publish, updated_at = @at WHERE item_id = @item",
                    ct,
                    ("publish", Sql.Time(engine, r.To)), ("at", Sql.Time(engine, r.At)), item),
                ItemPublished p => Published(context, p, ct),
                _ => Task.CompletedTask,
            });
        }
    }

    public async Task ResetAsync(ProjectionContext context, CancellationToken ct)
    {
        await context.ExecuteAsync("DELETE FROM editorial_items", ct);
        await context.ExecuteAsync("DELETE FROM editorial_publications", ct);
    }

    public static string? Json(Recurrence? recurrence) => recurrence is null ? null : JsonSerializer.Serialize(recurrence, EventTypeRegistry.JsonOptions);

    public static Recurrence? ReadRecurrence(string? json) => json is null ? null : JsonSerializer.Deserialize<Recurrence>(json, EventTypeRegistry.JsonOptions);

    private static async Task Published(ProjectionContext context, ItemPublished p, CancellationToken ct)
    {
        var engine = context.Engine;
        var item = ("item", Sql.Id(engine, p.ItemId));
        await context.WriteAsync(
            "INSERT INTO editorial_publications (item_id, occurrence, topic_id, category, title, body, author_id, scheduled_for, published_at) " +
            "VALUES (@item, @occurrence, @topic, @category, @title, @body, @author, @scheduled, @at)",
            ct,
            item, ("occurrence", p.Occurrence), ("topic", Sql.Id(engine, p.TopicId)), ("category", p.Category), ("title", p.Title), ("body", p.Body),
            ("author", Sql.Id(engine, p.AuthorId)), ("scheduled", Sql.Time(engine, p.ScheduledFor)), ("at", Sql.Time(engine, p.At)));
        await context.WriteAsync(
            p.NextPublishAt is null
                ? "UPDATE editorial_items SET stage = @stage, occurrence = @next, updated_at = @at WHERE item_id = @item"
                : "UPDATE editorial_items SET publish_at = @publish, occurrence = @next, updated_at = @at WHERE item_id = @item",
            ct,
            p.NextPublishAt is { } next
                ? [("publish", Sql.Time(engine, next)), ("next", p.Occurrence + 1), ("at", Sql.Time(engine, p.At)), item]
                : [("stage", EditorialItem.Name(ItemStage.Published)), ("next", p.Occurrence + 1), ("at", Sql.Time(engine, p.At)), item]);
    }
}
