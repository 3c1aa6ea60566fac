using System.Xml.Linq;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace BrandForum.Server.Members;

/// <summary>
/// Data Protection keys in the shared database, so every node can read the cookies and tokens another node
/// issued. The interface is synchronous; the key ring is read at start and about once a day, so blocking
/// on these few queries is harmless.
/// </summary>
public sealed class DatabaseXmlRepository(SqlEventStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() =>
        [.. store.QueryAsync("SELECT xml FROM dataprotection_keys", r => XElement.Parse(r.GetString(0)), CancellationToken.None).GetAwaiter().GetResult()];

    public void StoreElement(XElement element, string friendlyName) =>
        store.ExecuteAsync(
            "INSERT INTO dataprotection_keys (name, xml) VALUES (@n, @x) ON CONFLICT (name) DO NOTHING",
            CancellationToken.None,
            ("n", friendlyName),
            ("x", element.ToString(SaveOptions.DisableFormatting))).GetAwaiter().GetResult();
}
