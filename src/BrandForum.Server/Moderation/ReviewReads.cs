using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Moderation;

/// <summary>Why a post is in the queue: a rule (its ids and rulebook version) or a member's flag (with its weight).</summary>
public sealed record ReviewReason(string Kind, IReadOnlyList<string> Rules, int? RulebookVersion, AuthorRef? Flagger, string? Reason, string? Note, double Weight, DateTimeOffset At);

/// <summary>
/// An item of the moderators' queue (API.md): <see cref="Kind"/> is <c>held</c> (not published yet) or
/// <c>flagged</c> (published; <see cref="Hidden"/> when flags or a rule hid it pending review).
/// </summary>
public sealed record ReviewItem(
    Guid ItemId, string Kind, Guid PostId, Guid TopicId, string TopicTitle, AuthorRef Author, string Excerpt, bool Hidden, IReadOnlyList<ReviewReason> Reasons,
    double Score, DateTimeOffset CreatedAt, AuthorRef? ClaimedBy);

/// <summary>Reads of the review queue (kept by <see cref="ReviewQueueProjection"/>): open items oldest first, one item, a flagger's record.</summary>
public sealed class ReviewReads(SqlEventStore store)
{
    public const int PageSize = 20;

    private const string Items =
        "SELECT i.post_id, CASE WHEN h.post_id IS NULL THEN 'flagged' ELSE 'held' END, i.topic_id, t.title, coalesce(h.author_id, p.author_id), m.user_name, " +
        "coalesce(h.markdown, p.markdown), coalesce(p.hidden, @no), i.opened_at, i.claimed_by, c.user_name, i.opened_version " +
        "FROM review_items i JOIN topics t ON t.topic_id = i.topic_id LEFT JOIN held_posts h ON h.post_id = i.post_id LEFT JOIN posts p ON p.post_id = i.post_id " +
        "LEFT JOIN member_cards m ON m.member_id = coalesce(h.author_id, p.author_id) LEFT JOIN member_cards c ON c.member_id = i.claimed_by ";

    public async Task<Paged<ReviewItem>> OpenAsync(int page, CancellationToken ct)
    {
        var rows = await store.QueryAsync(
            Items + "WHERE i.open = @yes ORDER BY i.opened_at, i.post_id LIMIT @limit OFFSET @offset", Read, ct,
            ("no", false), ("yes", true), ("limit", PageSize), ("offset", (page - 1) * PageSize));
        var total = (await store.QueryAsync("SELECT count(*) FROM review_items WHERE open = @yes", Count, ct, ("yes", true))).Single();
        return new Paged<ReviewItem>(await WithReasonsAsync(rows, ct), page, PageSize, total);
    }

    /// <summary>One open item, or null when the post is not waiting for review.</summary>
    public async Task<ReviewItem?> FindOpenAsync(Guid itemId, CancellationToken ct) =>
        (await WithReasonsAsync(
            await store.QueryAsync(Items + "WHERE i.post_id = @p AND i.open = @yes", Read, ct, ("no", false), ("yes", true), ("p", Sql.Id(store.Engine, itemId))), ct))
        .SingleOrDefault();

    /// <summary>The topic a queued post belongs to (open or not), or null.</summary>
    public async Task<Guid?> TopicOfAsync(Guid itemId, CancellationToken ct) =>
        (await store.QueryAsync("SELECT topic_id FROM review_items WHERE post_id = @p", r => (Guid?)r.GetGuid(0), ct, ("p", Sql.Id(store.Engine, itemId)))).SingleOrDefault();

    /// <summary>How many of a member's decided flags moderators upheld and rejected.</summary>
    public async Task<(int Upheld, int Rejected)> FlaggerRecordAsync(Guid memberId, CancellationToken ct) =>
        (await store.QueryAsync(
            "SELECT coalesce(sum(CASE WHEN upheld THEN 1 ELSE 0 END), 0), coalesce(sum(CASE WHEN upheld THEN 0 ELSE 1 END), 0) " +
            "FROM review_reasons WHERE flagger_id = @m AND kind = 'flag' AND upheld IS NOT NULL",
            r => (Convert.ToInt32(r.GetValue(0), CultureInfo.InvariantCulture), Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)),
            ct,
            ("m", Sql.Id(store.Engine, memberId)))).Single();

    /// <summary>Flags a member's posts drew that moderators upheld (they weigh on the member's trust level).</summary>
    public async Task<int> UpheldFlagsAgainstAsync(Guid memberId, CancellationToken ct) =>
        (int)(await store.QueryAsync(
            "SELECT count(*) FROM review_reasons r JOIN posts p ON p.post_id = r.post_id WHERE p.author_id = @m AND r.kind = 'flag' AND r.upheld = @yes",
            Count, ct, ("m", Sql.Id(store.Engine, memberId)), ("yes", true))).Single();

    private async Task<IReadOnlyList<ReviewItem>> WithReasonsAsync(List<(ReviewItem Item, long Opened)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var ids = rows.Select((r, i) => ($"i{i}", (object?)Sql.Id(store.Engine, r.Item.PostId))).ToArray();
        var reasons = (await store.QueryAsync(
            "SELECT r.post_id, r.version, r.kind, r.rule_ids, r.rulebook_version, r.flagger_id, m.user_name, r.reason, r.note, r.weight, r.at " +
            "FROM review_reasons r LEFT JOIN member_cards m ON m.member_id = r.flagger_id " +
            $"WHERE r.post_id IN ({string.Join(", ", ids.Select(i => "@" + i.Item1))}) ORDER BY r.version",
            r => (Post: r.GetGuid(0), Version: r.GetInt64(1), Reason: new ReviewReason(
                r.GetString(2), r.IsDBNull(3) ? [] : r.GetString(3).Split(','), r.IsDBNull(4) ? null : r.GetInt32(4),
                r.IsDBNull(5) ? null : new AuthorRef(r.GetGuid(5), Sql.ReadOptionalString(r, 6)), Sql.ReadOptionalString(r, 7), Sql.ReadOptionalString(r, 8),
                r.GetDouble(9), Sql.ReadTime(r, 10))),
            ct,
            ids)).ToLookup(x => x.Post);

        // Only this round's reasons: those since the item was last opened.
        return [.. rows.Select(row =>
        {
            var current = reasons[row.Item.PostId].Where(x => x.Version >= row.Opened).Select(x => x.Reason).ToList();
            return row.Item with { Reasons = current, Score = current.Sum(x => x.Weight) };
        })];
    }

    private static (ReviewItem Item, long Opened) Read(System.Data.Common.DbDataReader r)
    {
        var markdown = r.GetString(6);
        return (new ReviewItem(
            r.GetGuid(0), r.GetString(1), r.GetGuid(0), r.GetGuid(2), r.GetString(3), new AuthorRef(r.GetGuid(4), Sql.ReadOptionalString(r, 5)),
            RuleSanctions.Excerpt(markdown), r.GetBoolean(7), [], 0, Sql.ReadTime(r, 8),
            r.IsDBNull(9) ? null : new AuthorRef(r.GetGuid(9), Sql.ReadOptionalString(r, 10))), r.GetInt64(11));
    }

    private static long Count(System.Data.Common.DbDataReader r) => Convert.ToInt64(r.GetValue(0), CultureInfo.InvariantCulture);
}
