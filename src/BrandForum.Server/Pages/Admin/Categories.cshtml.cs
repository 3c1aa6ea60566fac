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

/// <summary>Admins create, edit and archive categories; each change is an event on the category's stream.</summary>
[Authorize(Roles = Roles.Admin)]
public sealed class CategoriesModel(CategoryReads categories, IEventStore store, TimeProvider time, IStringLocalizer<Texts> t) : PageModel
{
    public const string DefaultColor = "#1d4ed8";

    public IReadOnlyList<CategorySummary> Categories { get; private set; } = [];

    [BindProperty]
    public CategoryForm Input { get; set; } = new();

    [TempData]
    public string? Message { get; set; }

    public async Task OnGetAsync(CancellationToken ct) => Categories = await categories.AllAsync(ct);

    public async Task<IActionResult> OnPostCreateAsync(CancellationToken ct)
    {
        var slug = (Input.Slug ?? "").Trim().ToLowerInvariant();
        var command = new CreateCategory(Guid.CreateVersion7(time.GetUtcNow()), slug, Input.Name ?? "", Input.Description ?? "", Input.Color ?? DefaultColor, time.GetUtcNow());
        if (await DecideAsync(slug.Length is > 0 and <= 40 ? slug : "-", command, ct) is { } error)
        {
            ModelState.AddModelError(FieldOf(error.Code), t[error.Message]);
            Categories = await categories.AllAsync(ct);
            return Page();
        }

        Message = t["Category “{0}” created.", command.Name.Trim()];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEditAsync(string slug, string? name, string? description, string? color, CancellationToken ct)
    {
        var error = await DecideAsync(slug, new EditCategory(name ?? "", description ?? "", color ?? DefaultColor, time.GetUtcNow()), ct);
        Message = error is null ? t["Category saved."] : t[error.Message];
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostArchiveAsync(string slug, CancellationToken ct)
    {
        var error = await DecideAsync(slug, new ArchiveCategory(time.GetUtcNow()), ct);
        Message = error is null ? t["Category archived: its topics stay readable, nobody can post in it."] : t[error.Message];
        return RedirectToPage();
    }

    private async Task<Domain.DomainError?> DecideAsync(string slug, CategoryCommand command, CancellationToken ct)
    {
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
}
