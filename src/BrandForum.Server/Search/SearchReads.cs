using System.Globalization;
using System.Text;
using BrandForum.EventStore;
using BrandForum.Server.Categories;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Search;

public sealed record SearchHit(Guid TopicId, Guid PostId, string Title, string Snippet);

/// <summary>Ranked search over the posts a viewer may see (never deleted ones, never private categories they may not enter); the snippet is plain text.</summary>
public sealed class SearchReads(SqlEventStore store, CategoryReads categories)
{
    public const int PageSize = 20;
    public const int MaxQueryLength = 200;

    public async Task<Paged<SearchHit>> SearchAsync(string query, int page, Viewer viewer, CancellationToken ct)
    {
        var offset = (page - 1) * PageSize;
        var (visible, hidden) = TopicReads.NotIn("t.category", await categories.HiddenFromAsync(viewer, ct));
        if (store.Engine == StorageEngine.Postgres)
        {
            var match = "FROM post_search s JOIN posts p ON p.post_id = s.post_id JOIN topics t ON t.topic_id = p.topic_id " +
                        "WHERE NOT p.deleted AND NOT p.hidden AND " + visible + " AND s.document @@ websearch_to_tsquery('simple', forum_unaccent(@q))";
            var hits = await store.QueryAsync(
                "SELECT s.topic_id, s.post_id, s.title, ts_headline('simple', s.body, websearch_to_tsquery('simple', forum_unaccent(@q)), " +
                "'StartSel=\"\", StopSel=\"\", MaxWords=30, MinWords=10') " + match +
                " ORDER BY ts_rank(s.document, websearch_to_tsquery('simple', forum_unaccent(@q))) DESC, p.created_at DESC LIMIT @limit OFFSET @offset",
                Read, ct, [.. hidden, ("q", query), ("limit", PageSize), ("offset", offset)]);
            var total = (await store.QueryAsync("SELECT count(*) " + match, Count, ct, [.. hidden, ("q", query)])).Single();
            return new Paged<SearchHit>(hits, page, PageSize, total);
        }

        var fts = Fts5Query(query);
        if (fts.Length == 0)
        {
            return new Paged<SearchHit>([], page, PageSize, 0);
        }

        var from = "FROM post_search JOIN posts p ON p.post_id = post_search.post_id JOIN topics t ON t.topic_id = p.topic_id " +
                   "WHERE post_search MATCH @q AND NOT p.deleted AND NOT p.hidden AND " + visible;
        var rows = await store.QueryAsync(
            "SELECT post_search.topic_id, post_search.post_id, post_search.title, snippet(post_search, 1, '', '', '…', 24) " + from +
            " ORDER BY bm25(post_search, 4.0, 1.0), p.created_at DESC LIMIT @limit OFFSET @offset",
            Read, ct, [.. hidden, ("q", fts), ("limit", PageSize), ("offset", offset)]);
        var count = (await store.QueryAsync("SELECT count(*) " + from, Count, ct, [.. hidden, ("q", fts)])).Single();
        return new Paged<SearchHit>(rows, page, PageSize, count);
    }

    /// <summary>Each word as a quoted FTS5 string (all must match): user text never becomes FTS5 syntax.</summary>
    private static string Fts5Query(string query)
    {
        var words = query.Split((char[])[' ', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string([.. w.Where(char.IsLetterOrDigit)]))
            .Where(w => w.Length > 0);
        var fts = new StringBuilder();
        foreach (var word in words)
        {
            fts.Append(fts.Length == 0 ? "" : " ").Append('"').Append(word).Append('"');
        }

        return fts.ToString();
    }

    private static SearchHit Read(System.Data.Common.DbDataReader r) => new(r.GetGuid(0), r.GetGuid(1), r.GetString(2), r.GetString(3));

    private static long Count(System.Data.Common.DbDataReader r) => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
}
