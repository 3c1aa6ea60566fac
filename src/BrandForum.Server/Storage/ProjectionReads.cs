using System.Data.Common;
using System.Globalization;
using BrandForum.EventStore.Projections;

namespace BrandForum.Server.Storage;

/// <summary>Reads a projection batch makes up front, so it does not pay a round trip per row it touches.</summary>
public static class ProjectionReads
{
    /// <summary>
    /// Runs <paramref name="sql"/> (with a <c>{0}</c> where the id list goes) over <paramref name="ids"/> 500 at a time,
    /// handing each row to <paramref name="read"/>: a batch's rows in a few queries instead of one per id.
    /// </summary>
    public static async Task ReadInChunksAsync(this ProjectionContext context, IEnumerable<Guid> ids, string sql, Action<DbDataReader> read, CancellationToken ct)
    {
        foreach (var chunk in ids.Chunk(500))
        {
            var parameters = chunk.Select((id, i) => ($"i{i}", (object?)Sql.Id(context.Engine, id))).ToArray();
            var command = context.Command(string.Format(CultureInfo.InvariantCulture, sql, string.Join(", ", parameters.Select(p => "@" + p.Item1))), parameters);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                read(reader);
            }
        }
    }
}
