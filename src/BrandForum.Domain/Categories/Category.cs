namespace BrandForum.Domain.Categories;

public abstract record CategoryCommand;

public sealed record CreateCategory(Guid CategoryId, string Slug, string Name, string Description, string Color, DateTimeOffset At) : CategoryCommand;

public sealed record EditCategory(string Name, string Description, string Color, DateTimeOffset At) : CategoryCommand;

public sealed record ArchiveCategory(DateTimeOffset At) : CategoryCommand;

public abstract record CategoryEvent;

public sealed record CategoryCreated(Guid CategoryId, string Slug, string Name, string Description, string Color, DateTimeOffset At) : CategoryEvent;

public sealed record CategoryEdited(string Name, string Description, string Color, DateTimeOffset At) : CategoryEvent;

public sealed record CategoryArchived(DateTimeOffset At) : CategoryEvent;

public sealed record CategoryState(bool Exists, bool Archived, string Name, string Description, string Color)
{
    public static CategoryState Initial { get; } = new(false, false, "", "", "");
}

/// <summary>A category of topics: admins create, edit and archive them (access and ordering come with the discussions issue).</summary>
public static class Category
{
    public const int MaxNameLength = 60;
    public const int MaxDescriptionLength = 500;

    public static Decider<CategoryCommand, CategoryEvent, CategoryState> Decider { get; } = new(CategoryState.Initial, Decide, Evolve);

    public static Decision<CategoryEvent> Decide(CategoryCommand command, CategoryState state) => command switch
    {
        CreateCategory c when state.Exists => Decision<CategoryEvent>.Refuse("category-exists", "A category with this slug already exists."),
        CreateCategory c => Validate(c.Name, c.Description, c.Color, c.Slug) ?? Decision<CategoryEvent>.Accept(
            new CategoryCreated(c.CategoryId, c.Slug, c.Name.Trim(), c.Description.Trim(), c.Color.ToLowerInvariant(), c.At)),
        EditCategory or ArchiveCategory when !state.Exists => Decision<CategoryEvent>.Refuse("category-not-found", "There is no such category."),
        EditCategory or ArchiveCategory when state.Archived => Decision<CategoryEvent>.Refuse("category-archived", "An archived category cannot change."),
        EditCategory e when e.Name.Trim() == state.Name && e.Description.Trim() == state.Description && e.Color.Equals(state.Color, StringComparison.OrdinalIgnoreCase)
            => Decision<CategoryEvent>.Nothing,
        EditCategory e => Validate(e.Name, e.Description, e.Color, slug: null) ?? Decision<CategoryEvent>.Accept(
            new CategoryEdited(e.Name.Trim(), e.Description.Trim(), e.Color.ToLowerInvariant(), e.At)),
        ArchiveCategory a => Decision<CategoryEvent>.Accept(new CategoryArchived(a.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown category command."),
    };

    public static CategoryState Evolve(CategoryState state, CategoryEvent e) => e switch
    {
        CategoryCreated c => new CategoryState(true, false, c.Name, c.Description, c.Color),
        CategoryEdited c => state with { Name = c.Name, Description = c.Description, Color = c.Color },
        CategoryArchived => state with { Archived = true },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown category event."),
    };

    /// <summary>Slugs go in URLs: 2–40 lowercase letters, digits and single dashes.</summary>
    public static bool IsValidSlug(string slug) =>
        slug.Length is >= 2 and <= 40
        && slug.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-')
        && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);

    private static Decision<CategoryEvent>? Validate(string name, string description, string color, string? slug)
    {
        if (slug is not null && !IsValidSlug(slug))
        {
            return Decision<CategoryEvent>.Refuse("invalid-slug", "A slug is 2–40 lowercase letters, digits and single dashes.");
        }

        if (name.Trim().Length is 0 or > MaxNameLength)
        {
            return Decision<CategoryEvent>.Refuse("invalid-name", $"A category name is 1–{MaxNameLength} characters.");
        }

        if (description.Length > MaxDescriptionLength)
        {
            return Decision<CategoryEvent>.Refuse("invalid-description", $"A description is at most {MaxDescriptionLength} characters.");
        }

        return color.Length == 7 && color[0] == '#' && color[1..].All(char.IsAsciiHexDigit)
            ? null
            : Decision<CategoryEvent>.Refuse("invalid-color", "A colour is written #rrggbb.");
    }
}
