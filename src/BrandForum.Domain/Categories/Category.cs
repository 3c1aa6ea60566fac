using BrandForum.Domain.Members;

namespace BrandForum.Domain.Categories;

public abstract record CategoryCommand;

/// <summary><see cref="Access"/> lists the roles that may read and write in the category; empty means everyone.</summary>
public sealed record CreateCategory(Guid CategoryId, string Slug, string Name, string Description, string Color, IReadOnlyList<string> Access, DateTimeOffset At) : CategoryCommand;

public sealed record EditCategory(string Name, string Description, string Color, IReadOnlyList<string> Access, DateTimeOffset At) : CategoryCommand;

public sealed record PlaceCategory(int Position, DateTimeOffset At) : CategoryCommand;

public sealed record ArchiveCategory(DateTimeOffset At) : CategoryCommand;

public sealed record ReopenCategory(DateTimeOffset At) : CategoryCommand;

/// <summary>Slow mode for every topic of the category: one post per member per <see cref="Seconds"/> in each (0: off).</summary>
public sealed record SetCategorySlowMode(int Seconds, DateTimeOffset At) : CategoryCommand;

public abstract record CategoryEvent;

public sealed record CategorySlowModeSet(int Seconds, DateTimeOffset At) : CategoryEvent;

/// <summary><see cref="Access"/> is null in events recorded before categories had access rules: open to everyone.</summary>
public sealed record CategoryCreated(Guid CategoryId, string Slug, string Name, string Description, string Color, DateTimeOffset At, IReadOnlyList<string>? Access = null) : CategoryEvent;

public sealed record CategoryEdited(string Name, string Description, string Color, DateTimeOffset At, IReadOnlyList<string>? Access = null) : CategoryEvent;

public sealed record CategoryPlaced(int Position, DateTimeOffset At) : CategoryEvent;

public sealed record CategoryArchived(DateTimeOffset At) : CategoryEvent;

public sealed record CategoryReopened(DateTimeOffset At) : CategoryEvent;

public sealed record CategoryState(bool Exists, bool Archived, string Name, string Description, string Color, IReadOnlyList<string> Access, int Position)
{
    public static CategoryState Initial { get; } = new(false, false, "", "", "", [], 0);

    public int SlowModeSeconds { get; init; }
}

/// <summary>
/// A category of topics: admins create, edit, place (order), archive and reopen them. A category may be private:
/// its access lists the roles allowed in (<see cref="Roles.Member"/> = any signed-in member); staff always enter.
/// </summary>
public static class Category
{
    public const int MaxNameLength = 60;
    public const int MaxDescriptionLength = 500;
    public const int MaxPosition = 10_000;

    /// <summary>The roles an access list may name, in the order it is stored.</summary>
    public static IReadOnlyList<string> AccessRoles { get; } = [Roles.Member, Roles.Ambassador, Roles.Moderator, Roles.Admin];

    public static Decider<CategoryCommand, CategoryEvent, CategoryState> Decider { get; } = new(CategoryState.Initial, Decide, Evolve);

    public static Decision<CategoryEvent> Decide(CategoryCommand command, CategoryState state) => command switch
    {
        CreateCategory when state.Exists => Refuse("category-exists", "A category with this slug already exists."),
        CreateCategory c => Validate(c.Name, c.Description, c.Color, c.Access, c.Slug) ?? Decision<CategoryEvent>.Accept(
            new CategoryCreated(c.CategoryId, c.Slug, c.Name.Trim(), c.Description.Trim(), c.Color.ToLowerInvariant(), c.At, Normalize(c.Access))),
        _ when !state.Exists => Refuse("category-not-found", "There is no such category."),
        ReopenCategory when !state.Archived => Decision<CategoryEvent>.Nothing,
        ReopenCategory r => Decision<CategoryEvent>.Accept(new CategoryReopened(r.At)),
        _ when state.Archived => Refuse("category-archived", "An archived category cannot change; reopen it first."),
        EditCategory e => Validate(e.Name, e.Description, e.Color, e.Access, slug: null)
            ?? (IsUnchanged(e, state) ? Decision<CategoryEvent>.Nothing : Decision<CategoryEvent>.Accept(
                new CategoryEdited(e.Name.Trim(), e.Description.Trim(), e.Color.ToLowerInvariant(), e.At, Normalize(e.Access)))),
        PlaceCategory p when p.Position is < 0 or > MaxPosition => Refuse("invalid-position", $"A position is 0–{MaxPosition}."),
        PlaceCategory p when p.Position == state.Position => Decision<CategoryEvent>.Nothing,
        PlaceCategory p => Decision<CategoryEvent>.Accept(new CategoryPlaced(p.Position, p.At)),
        ArchiveCategory a => Decision<CategoryEvent>.Accept(new CategoryArchived(a.At)),
        SetCategorySlowMode m when m.Seconds is < 0 or > Topics.Topic.MaxSlowModeSeconds => Refuse("invalid-seconds", $"Slow mode is 0 (off) to {Topics.Topic.MaxSlowModeSeconds} seconds."),
        SetCategorySlowMode m when m.Seconds == state.SlowModeSeconds => Decision<CategoryEvent>.Nothing,
        SetCategorySlowMode m => Decision<CategoryEvent>.Accept(new CategorySlowModeSet(m.Seconds, m.At)),
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, "Unknown category command."),
    };

    public static CategoryState Evolve(CategoryState state, CategoryEvent e) => e switch
    {
        CategoryCreated c => new CategoryState(true, false, c.Name, c.Description, c.Color, c.Access ?? [], 0),
        CategoryEdited c => state with { Name = c.Name, Description = c.Description, Color = c.Color, Access = c.Access ?? state.Access },
        CategoryPlaced p => state with { Position = p.Position },
        CategoryArchived => state with { Archived = true },
        CategoryReopened => state with { Archived = false },
        CategorySlowModeSet m => state with { SlowModeSeconds = m.Seconds },
        _ => throw new ArgumentOutOfRangeException(nameof(e), e, "Unknown category event."),
    };

    /// <summary>Slugs go in URLs: 2–40 lowercase letters, digits and single dashes.</summary>
    public static bool IsValidSlug(string slug) =>
        slug.Length is >= 2 and <= 40
        && slug.All(ch => char.IsAsciiLetterLower(ch) || char.IsAsciiDigit(ch) || ch == '-')
        && slug[0] != '-' && slug[^1] != '-' && !slug.Contains("--", StringComparison.Ordinal);

    /// <summary>Each role once, in a fixed order, so the same access always reads (and compares) the same.</summary>
    public static IReadOnlyList<string> Normalize(IEnumerable<string> access) => [.. AccessRoles.Where(access.Contains)];

    private static bool IsUnchanged(EditCategory e, CategoryState state) =>
        e.Name.Trim() == state.Name && e.Description.Trim() == state.Description
        && e.Color.Equals(state.Color, StringComparison.OrdinalIgnoreCase) && Normalize(e.Access).SequenceEqual(state.Access);

    private static Decision<CategoryEvent>? Validate(string name, string description, string color, IReadOnlyList<string> access, string? slug)
    {
        if (slug is not null && !IsValidSlug(slug))
        {
            return Refuse("invalid-slug", "A slug is 2–40 lowercase letters, digits and single dashes.");
        }

        if (name.Trim().Length is 0 or > MaxNameLength)
        {
            return Refuse("invalid-name", $"A category name is 1–{MaxNameLength} characters.");
        }

        if (description.Length > MaxDescriptionLength)
        {
            return Refuse("invalid-description", $"A description is at most {MaxDescriptionLength} characters.");
        }

        if (access.Any(role => !AccessRoles.Contains(role)))
        {
            return Refuse("invalid-access", $"Access lists roles among {string.Join(", ", AccessRoles)} (none: open to everyone).");
        }

        return color.Length == 7 && color[0] == '#' && color[1..].All(char.IsAsciiHexDigit)
            ? null
            : Refuse("invalid-color", "A colour is written #rrggbb.");
    }

    private static Decision<CategoryEvent> Refuse(string code, string message) => Decision<CategoryEvent>.Refuse(code, message);
}
