namespace BrandForum.Server.Http;

/// <summary>
/// GET /bench/plaintext, mapped only when Forum:Benchmark:Plaintext=true: the baseline the HTTP benchmarks measure
/// in the same run as the real pages, so a figure says how far a page is from what this server does for free.
/// </summary>
public static class BenchmarkEndpoints
{
    public static WebApplication MapBenchmarkPlaintext(this WebApplication app)
    {
        if (app.Configuration.GetValue("Forum:Benchmark:Plaintext", false))
        {
            app.MapGet("/bench/plaintext", () => Results.Text("Hello, World!"));
        }

        return app;
    }
}
