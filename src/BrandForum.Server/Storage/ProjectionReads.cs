using System.Data.Common;
using System.Globalization;
using BrandForum.EventStore;
using BrandForum.EventStore.Projections;

namespace BrandForum.Server.Storage;

/// <summary>Reads a projection batch makes up front, so it does not pay a round trip per row it touches.</summary>
public static class ProjectionReads
{
    private const int IdsPerQuery = 5_000;

    /// <summary>
    /// Runs <paramref name="sql"/> (with a <c>{0}</c> where a list of ids goes, as in <c>IN ({0})</c>) over
    /// <paramref name="ids"/>, handing each row to <paramref name="read"/>: a batch's rows in a few queries instead of
    /// one per id. The ids are one parameter (a uuid array on PostgreSQL, a JSON array on SQLite), not one each:
    /// SQLite looks a named parameter up by a scan of the statement's, so hundreds of them cost more than the query.
    /// </summary>
    public static async Task ReadInChunksAsync(this ProjectionContext context, IEnumerable<Guid> ids, string sql, Action<DbDataReader> read, CancellationToken ct)
    {
        var list = context.Engine == StorageEngine.Postgres ? "SELECT unnest(@ids)" : "SELECT value FROM json_each(@ids)";
        var text = string.Format(CultureInfo.InvariantCulture, sql, list);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            object value = context.Engine == StorageEngine.Postgres ? chunk : System.Text.Json.JsonSerializer.Serialize(chunk); // ids as SQLite stores them
            await using var reader = await context.Command(text, ("ids", value)).ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                read(reader);
            }
        }
    }
}
