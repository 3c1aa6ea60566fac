using System.Net;
using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Pages;

public sealed class HomePageTests() : ForumTest(StorageEngine.Sqlite)
{
    [Fact]
    public async Task ServesAnHtmlPageInTheDefaultTheme()
    {
        var client = Forum.CreateClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<link rel=\"stylesheet\" href=\"/themes/default/theme.css\"", html, StringComparison.Ordinal);
        Assert.Contains("/themes/default/assets/logo.svg", html, StringComparison.Ordinal);
        var css = await client.GetAsync(new Uri("/themes/default/theme.css", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("--bf-accent", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/themes/default/assets/logo.svg", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ShowsTheLogPositionSmallAtTheBottom()
    {
        var client = Forum.CreateClient();
        await Forum.Store.AppendAsync("ping-1", ExpectedVersion.NoStream, [new Ping("a"), new Ping("b"), new Ping("c")]);

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Running on SQLite · log position 3", System.Net.WebUtility.HtmlDecode(html), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnswersAnUnknownAddressWithProblemDetailsNotAnHtmlErrorPage()
    {
        var response = await Forum.CreateClient().GetAsync(new Uri("/no/such/page", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task RefusesAThemeNameThatStepsOutOfTheThemesFolder()
    {
        var response = await Forum.CreateClient().GetAsync(new Uri("/themes/..%2F..%2Fetc/passwd", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
