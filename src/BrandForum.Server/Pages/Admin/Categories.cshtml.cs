using BrandForum.Domain.Categories;
using BrandForum.Domain.Members;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Localization;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages.Admin;

/// <summary>
/// Admins create, edit (name, description, colour, who may enter), order, archive and reopen categories; each
/// change is an event on the category's stream, decided like the API's (Categories/CategoryEndpoints).
/// </summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CategoriesModel(CategoryReads categories, IEventStore store, TimeProvider time, IStringLocalizer<Texts> t) : PageModel
{
    public const string DefaultColor = "#1d4ed8";

    /// <summary>Open categories in their order, then the archived ones.</summary>
    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    [BindProperty]
    public CategoryForm Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var slug = (Input.Slug ?? "").Trim().ToLowerInvariant();
        var now = time.GetUtcNow();
        var command = new CreateCategory(Guid.CreateVersion7(now), slug, Input.Name ?? "", Input.Description ?? "", Input.Color ?? DefaultColor, Input.Access ?? [], now);
        var error = Category.IsValidSlug(slug)
            ? await DecideAsync(slug, command, ct)
            : new Domain.DomainError("invalid-slug", "A slug is 2–40 lowercase letters, digits and single dashes.");
        if (error is not null)
        {
            ModelState.AddModelError(FieldOf(error.Code), t[error.Message]);
            await LoadAsync(ct);
            return Page();
        }

        // A new category goes last.
        await DecideAsync(slug, new PlaceCategory(Math.Min(Category.MaxPosition, (await categories.AllAsync(Viewer.Of(User), ct)).Count - 1), now), ct);
        Message = t["Category “{0}” created.", command.Name.Trim()];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEditAsync(string slug, string? name, string? description, string? color, string[]? access, CancellationToken ct)
    {
        var error = await DecideAsync(slug, new EditCategory(name ?? "", description ?? "", color ?? DefaultColor, access ?? [], time.GetUtcNow()), ct);
        Message = error is null ? t["Category saved."] : t[error.Message];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostArchiveAsync(string slug, CancellationToken ct)
    {
        var error = await DecideAsync(slug, new ArchiveCategory(time.GetUtcNow()), ct);
        Message = error is null ? t["Category archived: its topics stay readable, nobody can post in it."] : t[error.Message];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReopenAsync(string slug, CancellationToken ct)
    {
        var error = await DecideAsync(slug, new ReopenCategory(time.GetUtcNow()), ct);
        Message = error is null ? t["Category reopened."] : t[error.Message];
        return RedirectToPage();
    }

    /// <summary>Moves an open category one place up (-1) or down (+1), renumbering the open ones 0, 1, 2…</summary>
    public async Task<IActionResult> OnPostMoveAsync(string slug, int by, CancellationToken ct)
    {
        var order = (await categories.AllAsync(Viewer.Of(User), ct)).ToList();
        var from = order.FindIndex(c => c.Slug == slug);
        var to = from + Math.Sign(by);
        if (from >= 0 && to >= 0 && to < order.Count)
        {
            (order[from], order[to]) = (order[to], order[from]);
            for (var position = 0; position < order.Count; position++)
            {
                if (order[position].Position != position)
                {
                    await DecideAsync(order[position].Slug, new PlaceCategory(position, time.GetUtcNow()), ct);
                }
            }
        }

        return RedirectToPage(null, null, null, $"category-{slug}");
    }

    private async Task LoadAsync(CancellationToken ct) =>
        Categories = [.. (await categories.AllAsync(Viewer.Of(User), ct, withArchived: true)).OrderBy(c => c.Archived)];

    private async Task<Domain.DomainError?> DecideAsync(string slug, CategoryCommand command, CancellationToken ct)
    {
        if (!Category.IsValidSlug(slug))
        {
            return new Domain.DomainError("category-not-found", "There is no such category.");
        }

        var by = MemberPrincipal.MemberId(User)!.Value;
        var decided = await store.DecideAsync(CategoriesSetup.StreamId(slug), Category.Decider, command, new EventMetadata(Actor: by.ToString()), ct: ct);
        return decided.Decision.Error;
    }

    private static string FieldOf(string code) => code switch
    {
        "invalid-slug" or "category-exists" => "Input.Slug",
        "invalid-name" => "Input.Name",
        "invalid-description" => "Input.Description",
        "invalid-color" => "Input.Color",
        _ => "",
    };
}

public sealed class CategoryForm
{
    public string? Slug { get; set; }

    public string? Name { get; set; }

    public string? Description { get; set; }

    public string? Color { get; set; }

    /// <summary>The roles that may enter; none = everyone.</summary>
    public string[]? Access { get; set; }
}
