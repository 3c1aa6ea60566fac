using BrandForum.Domain.Categories;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Categories;

/// <summary>Inline: the list of categories, so a category is usable as soon as it is created.</summary>
public sealed class CategoryListProjection : IProjection
{
    public string Name => "category-list";

    public IReadOnlySet<string>? EventTypes { get; } = new HashSet<string> { "category.created", "category.edited", "category.archived" };

    public async Task ApplyAsync(ProjectionContext context, IReadOnlyList<RecordedEvent> events, CancellationToken ct)
    {
        foreach (var e in events)
        {
            var slug = e.StreamId["category-".Length..];
            await (e.Data switch
            {
                CategoryCreated c => context.WriteAsync(
                    "INSERT INTO categories (slug, category_id, name, description, color, archived, created_at) VALUES (@s, @id, @n, @d, @c, @a, @at)",
                    ct,
                    ("s", slug), ("id", Sql.Id(context.Engine, c.CategoryId)), ("n", c.Name), ("d", c.Description), ("c", c.Color), ("a", false),
                    ("at", Sql.Time(context.Engine, c.At))),
                CategoryEdited c => context.WriteAsync(
                    "UPDATE categories SET name = @n, description = @d, color = @c WHERE slug = @s", ct, ("n", c.Name), ("d", c.Description), ("c", c.Color), ("s", slug)),
                CategoryArchived => context.WriteAsync("UPDATE categories SET archived = @a WHERE slug = @s", ct, ("a", true), ("s", slug)),
                _ => Task.CompletedTask,
            });
        }
    }

    public Task ResetAsync(ProjectionContext context, CancellationToken ct) => context.ExecuteAsync("DELETE FROM categories", ct);
}
