using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
}
