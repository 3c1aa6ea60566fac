using BrandForum.Domain.Topics;
using BrandForum.Server.Content;
using BrandForum.Server.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace BrandForum.Server.Pages;

public static class PageResults
{
    /// <summary>
    /// A 404 that is a page of the site (with its layout and a way back), not the problem details the API answers:
    /// a reader who follows a dead link to a topic or category is a person.
    /// </summary>
    public static IActionResult NotFoundPage(this PageModel page)
    {
        var result = page.Partial("_NotFound");
        result.StatusCode = StatusCodes.Status404NotFound;
        return result;
    }

    /// <summary>The no-JS preview of a composer's body (posted back with the form); too long a body gets the post's own error instead.</summary>
    public static string? Preview(this PageModel page, MarkdownRenderer renderer, string body)
    {
        if (body.Length <= Topic.MaxBodyLength)
        {
            return renderer.Render(body);
        }

        var t = page.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<Texts>>();
        page.ModelState.AddModelError("Body", t["A post is 1 to 32,000 characters."]);
        return null;
    }
}
