using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Categories;

public sealed record CategorySummary(Guid CategoryId, string Slug, string Name, string Description, string Color, bool Archived, long TopicCount, long PostCount);

/// <summary>Reads categories with their topic and post counts (counted from the topic list, so never out of step).</summary>
public sealed class CategoryReads(SqlEventStore store)
{
    private const string Select =
        "SELECT c.category_id, c.slug, c.name, c.description, c.color, c.archived, count(t.topic_id), coalesce(sum(t.post_count), 0) " +
        "FROM categories c LEFT JOIN topics t ON t.category = c.slug ";

    public async Task<IReadOnlyList<CategorySummary>> AllAsync(CancellationToken ct) =>
        await store.QueryAsync(Select + "WHERE c.archived = @no GROUP BY c.category_id, c.slug, c.name, c.description, c.color, c.archived ORDER BY c.name", Read, ct, ("no", false));

    public async Task<CategorySummary?> FindAsync(string slug, CancellationToken ct) =>
        (await store.QueryAsync(Select + "WHERE c.slug = @s GROUP BY c.category_id, c.slug, c.name, c.description, c.color, c.archived", Read, ct, ("s", slug))).SingleOrDefault();

    private static CategorySummary Read(System.Data.Common.DbDataReader r) => new(
        r.GetGuid(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetBoolean(5),
        Convert.ToInt64(r.GetValue(6), System.Globalization.CultureInfo.InvariantCulture),
        Convert.ToInt64(r.GetValue(7), System.Globalization.CultureInfo.InvariantCulture));
}
