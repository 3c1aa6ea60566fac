using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace BrandForum.Server.Http;

/// <summary>
/// Behind a reverse proxy that terminates HTTPS, the proxy's X-Forwarded-Proto and X-Forwarded-For tell the app
/// the real scheme (so cookies get Secure) and the client's address (so rate limits count the right client).
/// Only proxies we trust may say so: loopback by default, more with Forum:TrustedProxies (comma-separated IPs);
/// anyone else's forwarded headers are ignored, or a client could pick its own address.
/// </summary>
public static class Proxies
{
    public static IServiceCollection AddForumProxies(this IServiceCollection services, IConfiguration configuration) =>
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (configuration["Forum:TrustedProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address)
                    ? address
                    : throw new Storage.StartupException($"Forum:TrustedProxies holds '{proxy}', which is not an IP address."));
            }
        });
}
