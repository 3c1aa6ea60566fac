using BrandForum.Domain.Categories;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Categories;

/// <summary>Inline: the list of categories, so a category is usable as soon as it is created.</summary>
public sealed class CategoryListProjection : IProjection
{
    public string Name => "category-list";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string>
    {
        "category.created", "category.edited", "category.placed", "category.archived", "category.reopened", "category.slow-mode-set",
    };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var slug = e.StreamId["category-".Length..];
            await (e.Data switch
            {
                CategoryCreated c => context.WriteAsync(
                    "INSERT INTO categories (slug, category_id, name, description, color, archived, created_at, access, position) " +
                    "VALUES (@s, @id, @n, @d, @c, @a, @at, @access, 0)",
                    ct,
                    ("s", slug), ("id", Sql.Id(context.Engine, c.CategoryId)), ("n", c.Name), ("d", c.Description), ("c", c.Color), ("a", false),
                    ("at", Sql.Time(context.Engine, c.At)), ("access", Viewer.Store(c.Access))),
                CategoryEdited c => context.WriteAsync(
                    "UPDATE categories SET name = @n, description = @d, color = @c, access = coalesce(@access, access) WHERE slug = @s",
                    ct,
                    ("n", c.Name), ("d", c.Description), ("c", c.Color), ("access", c.Access is null ? null : Viewer.Store(c.Access)), ("s", slug)),
                CategoryPlaced p => context.WriteAsync("UPDATE categories SET position = @p WHERE slug = @s", ct, ("p", p.Position), ("s", slug)),
                CategoryArchived or CategoryReopened => context.WriteAsync(
                    "UPDATE categories SET archived = @a WHERE slug = @s", ct, ("a", e.Data is CategoryArchived), ("s", slug)),
                CategorySlowModeSet m => context.WriteAsync("UPDATE categories SET slow_mode_seconds = @m WHERE slug = @s", ct, ("m", m.Seconds), ("s", slug)),
                _ => Task.CompletedTask,
            });
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM categories", ct);
}
