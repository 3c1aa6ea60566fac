using BrandForum.EventStore;

namespace BrandForum.Server.Listening;

/// <summary>
/// The listening projection's tables: the watchlist as it stands, mentions per term and hour (hours are ISO text
/// 'yyyy-MM-ddTHH' on both engines, like the analytics days), and each mention for the latest posts per term.
/// </summary>
public static class ListeningSchema
{
    public static readonly Migration Tables = new(
        "listening/001-mentions",
        """
        CREATE TABLE listening_terms (term text PRIMARY KEY, position int NOT NULL);
        CREATE TABLE listening_hours (term text NOT NULL, hour text NOT NULL, mentions int NOT NULL, PRIMARY KEY (term, hour));
        CREATE TABLE listening_mentions (term text NOT NULL, post_id uuid NOT NULL, topic_id uuid NOT NULL, at timestamptz NOT NULL, PRIMARY KEY (term, post_id));
        CREATE INDEX listening_mentions_latest ON listening_mentions (term, at);
        """,
        """
        CREATE TABLE listening_terms (term TEXT PRIMARY KEY, position INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE listening_hours (term TEXT NOT NULL, hour TEXT NOT NULL, mentions INTEGER NOT NULL, PRIMARY KEY (term, hour)) WITHOUT ROWID;
        CREATE TABLE listening_mentions (term TEXT NOT NULL, post_id TEXT NOT NULL, topic_id TEXT NOT NULL, at TEXT NOT NULL, PRIMARY KEY (term, post_id)) WITHOUT ROWID;
        CREATE INDEX listening_mentions_latest ON listening_mentions (term, at);
        """);

    public static string Hour(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH", System.Globalization.CultureInfo.InvariantCulture);

    public static DateTimeOffset StartOfHour(DateTimeOffset at) => new(at.UtcDateTime.Date.AddHours(at.UtcDateTime.Hour), TimeSpan.Zero);
}
