using BrandForum.Domain.Categories;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Categories;

public static class CategoriesSetup
{
    /// <summary>Stream id of a category: its slug is its identity, so a second create of the same slug conflicts.</summary>
    public static string StreamId(string slug) => $"category-{slug}";

    /// <summary>The stored names of category events: a contract, never renamed.</summary>
    public static IServiceCollection AddCategories(this IServiceCollection services) =>
        services.AddSingleton(new EventTypes(types => types
            .Register<CategoryCreated>("category.created")
            .Register<CategoryEdited>("category.edited")
            .Register<CategoryArchived>("category.archived")));
}
