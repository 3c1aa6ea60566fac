using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Themes;

/// <summary>Forum:Theme picks a folder under themes/: the same build serves another brand's stylesheet, logo and name.</summary>
public sealed class ThemeSwitchTests() : ForumTest(StorageEngine.Sqlite)
{
    [Fact]
    public async Task StartingWithAnotherThemeServesItsStylesheetLogoAndName()
    {
        Forum.Settings["Forum:Theme"] = "maison-cafe";
        var client = Forum.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));
        var css = await client.GetAsync(new Uri("/themes/maison-cafe/theme.css", UriKind.Relative));
        var logo = await client.GetAsync(new Uri("/themes/maison-cafe/assets/logo.svg", UriKind.Relative));

        Assert.Contains("<link rel=\"stylesheet\" href=\"/themes/maison-cafe/theme.css\"", html, StringComparison.Ordinal);
        Assert.Contains("<img src=\"/themes/maison-cafe/assets/logo.svg\"", html, StringComparison.Ordinal);
        Assert.Contains("<span>Maison Café</span>", html, StringComparison.Ordinal);
        Assert.Contains("· Maison Café</title>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/themes/default/", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("--bf-font-heading: \"Iowan Old Style\"", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, logo.StatusCode);
        Assert.Equal("image/svg+xml", logo.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AChangedSettingAppliesOnTheNextRequestWithoutARestart()
    {
        var client = Forum.CreateClient();
        var before = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Forum.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["Forum:Theme"] = "maison-cafe";
        var after = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("/themes/default/theme.css", before, StringComparison.Ordinal);
        Assert.Contains("/themes/maison-cafe/theme.css", after, StringComparison.Ordinal);
    }
}
