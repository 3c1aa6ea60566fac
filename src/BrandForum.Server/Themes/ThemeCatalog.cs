using BrandForum.Server.Storage;
using Microsoft.Extensions.FileProviders;

namespace BrandForum.Server.Themes;

/// <summary>
/// The themes under the themes folder (Forum:ThemesPath, else the nearest "themes" folder above the app)
/// and the active one (Forum:Theme). The theme is read per request, so changing Forum:Theme in
/// appsettings switches it without a rebuild or restart.
/// </summary>
public sealed class ThemeCatalog(string root, IConfiguration configuration)
{
    public string Root { get; } = root;

    public Theme Active => Find(configuration["Forum:Theme"] ?? "default") ?? Find("default")
        ?? throw new InvalidOperationException($"No default theme under {Root}.");

    public IReadOnlyList<string> Names => [.. Directory.GetDirectories(Root)
        .Where(d => File.Exists(Path.Combine(d, "theme.json")))
        .Select(Path.GetFileName)
        .OfType<string>()
        .Order(StringComparer.Ordinal)];

    public Theme? Find(string name)
    {
        // Theme names are folder names: refuse anything that could step out of the themes folder.
        if (name.Length == 0 || name.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not '-' and not '_'))
        {
            return null;
        }

        var folder = Path.Combine(Root, name);
        return File.Exists(Path.Combine(folder, "theme.json")) ? Theme.Load(folder) : null;
    }

    public static string LocateRoot(IConfiguration configuration, string contentRoot)
    {
        if (configuration["Forum:ThemesPath"] is { Length: > 0 } configured)
        {
            return Directory.Exists(configured)
                ? Path.GetFullPath(configured)
                : throw new StartupException($"Forum:ThemesPath is '{configured}', which is not a folder.");
        }

        foreach (var start in new[] { Directory.GetCurrentDirectory(), contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "themes");
                if (File.Exists(Path.Combine(candidate, "default", "theme.json")))
                {
                    return candidate;
                }
            }
        }

        throw new StartupException("No themes folder with themes/default/theme.json was found. Run from the repository or set Forum__ThemesPath.");
    }
}

public static class ThemesSetup
{
    public static IServiceCollection AddForumThemes(this IServiceCollection services, IConfiguration configuration, string contentRoot)
    {
        var catalog = new ThemeCatalog(ThemeCatalog.LocateRoot(configuration, contentRoot), configuration);
        var wanted = configuration["Forum:Theme"] ?? "default";
        if (catalog.Find(wanted) is null)
        {
            throw new StartupException(
                $"Forum:Theme is '{wanted}' but {Path.Combine(catalog.Root, wanted, "theme.json")} does not exist. Available: {string.Join(", ", catalog.Names)}.");
        }

        return services.AddSingleton(catalog);
    }

    /// <summary>Serves each theme's stylesheet and assets under /themes/&lt;name&gt;/.</summary>
    public static IApplicationBuilder UseForumThemes(this IApplicationBuilder app)
    {
        var catalog = app.ApplicationServices.GetRequiredService<ThemeCatalog>();
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(catalog.Root),
            RequestPath = "/themes",
        });
    }
}
