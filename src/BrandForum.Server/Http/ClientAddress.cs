using System.Net;

namespace BrandForum.Server.Http;

/// <summary>The client's IP address as the server sees it after trusted proxies (see <see cref="Proxies"/>), IPv4 written as IPv4.</summary>
public static class ClientAddress
{
    public static string? Of(HttpContext? http) => http?.Connection.RemoteIpAddress is { } ip ? Normal(ip).ToString() : null;

    private static IPAddress Normal(IPAddress ip) => ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip;
}
