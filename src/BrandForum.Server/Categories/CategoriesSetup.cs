using BrandForum.Domain.Categories;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Categories;

public static class CategoriesSetup
{
    public static readonly Migration Tables = new(
        "categories/001-categories",
        """
        CREATE TABLE categories (
          slug text PRIMARY KEY, category_id uuid NOT NULL UNIQUE, name text NOT NULL, description text NOT NULL,
          color text NOT NULL, archived boolean NOT NULL, created_at timestamptz NOT NULL);
        """,
        """
        CREATE TABLE categories (
          slug TEXT PRIMARY KEY, category_id TEXT NOT NULL UNIQUE, name TEXT NOT NULL, description TEXT NOT NULL,
          color TEXT NOT NULL, archived INTEGER NOT NULL, created_at TEXT NOT NULL) WITHOUT ROWID;
        """);

    public static readonly Migration AccessAndOrder = new(
        "categories/002-access-order",
        "ALTER TABLE categories ADD COLUMN access text NOT NULL DEFAULT '', ADD COLUMN position int NOT NULL DEFAULT 0;",
        "ALTER TABLE categories ADD COLUMN access TEXT NOT NULL DEFAULT ''; ALTER TABLE categories ADD COLUMN position INTEGER NOT NULL DEFAULT 0;");

    public static readonly Migration SlowMode = new(
        "categories/003-slow-mode",
        "ALTER TABLE categories ADD COLUMN slow_mode_seconds int NOT NULL DEFAULT 0;",
        "ALTER TABLE categories ADD COLUMN slow_mode_seconds INTEGER NOT NULL DEFAULT 0;");

    /// <summary>Stream id of a category: its slug is its identity, so a second create of the same slug conflicts.</summary>
    public static string StreamId(string slug) => $"category-{slug}";

    /// <summary>The stored names of category events: a contract, never renamed.</summary>
    public static IServiceCollection AddCategories(this IServiceCollection services) => services
        .AddSingleton(new EventTypes(types => types
            .Register<CategoryCreated>("category.created")
            .Register<CategoryEdited>("category.edited")
            .Register<CategoryArchived>("category.archived")
            .Register<CategoryPlaced>("category.placed")
            .Register<CategoryReopened>("category.reopened")
            .Register<CategorySlowModeSet>("category.slow-mode-set")))
        .AddSingleton(Tables)
        .AddSingleton(AccessAndOrder)
        .AddSingleton(SlowMode)
        .AddSingleton(new InlineProjection(new CategoryListProjection()))
        .AddSingleton<CategoryReads>();
}
