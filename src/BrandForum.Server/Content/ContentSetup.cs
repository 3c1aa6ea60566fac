namespace BrandForum.Server.Content;

public static class ContentSetup
{
    /// <summary>The renderer and sanitizer; links to Forum:PublicUrl's host count as internal (no rel="nofollow").</summary>
    public static IServiceCollection AddContent(this IServiceCollection services, IConfiguration configuration)
    {
        var host = Uri.TryCreate(configuration["Forum:PublicUrl"], UriKind.Absolute, out var url) ? url.Host : null;
        return services.AddSingleton(new PostSanitizer(host)).AddSingleton<MarkdownRenderer>();
    }
}
