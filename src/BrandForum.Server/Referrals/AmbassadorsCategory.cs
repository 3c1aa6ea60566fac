using BrandForum.Domain.Categories;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Referrals;

/// <summary>
/// <c>Forum:Ambassadors:Category</c>: the ambassadors' private category. At start-up it is created if missing, or
/// closed to everyone but the <c>Ambassador</c> role (and staff, who enter every category) if an admin left it open
/// to others: the setting is a promise that only current ambassadors read there. The role is held while an
/// ambassador is active, so paused and retired ones are out (see <see cref="AmbassadorCommands"/>).
/// </summary>
public static class AmbassadorsCategory
{
    public static string? Slug(IConfiguration configuration) =>
        configuration["Forum:Ambassadors:Category"] is { Length: > 0 } slug ? slug.Trim() : null;

    public static async Task EnsureAmbassadorsCategoryAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        if (Slug(services.GetRequiredService<IConfiguration>()) is not { } slug)
        {
            return;
        }

        if (!Category.IsValidSlug(slug))
        {
            throw new StartupException("Forum:Ambassadors:Category must be a category slug: 2–40 lowercase letters, digits and single dashes.");
        }

        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        IReadOnlyList<string> access = [Roles.Ambassador];
        CategoryCommand? command = await services.GetRequiredService<CategoryReads>().FindAsync(slug, ct) switch
        {
            null => new CreateCategory(Guid.CreateVersion7(now), slug, "Ambassadors", "The brand ambassadors' own corner.", "#7c3aed", access, now),
            { Archived: true } => null, // an admin archived it on purpose: leave it
            { Access: [Roles.Ambassador] } => null,
            var found => new EditCategory(found.Name, found.Description, found.Color, access, now),
        };
        if (command is not null)
        {
            // Two nodes starting together may both try: the second finds the category made and is refused, which is fine.
            await services.GetRequiredService<IEventStore>().DecideAsync(
                CategoriesSetup.StreamId(slug), Category.Decider, command, new EventMetadata(Actor: "system"), ct: ct);
        }
    }
}
