namespace BrandForum.EventStore.Sqlite;

/// <summary>The log's own tables on SQLite. Never edit a shipped migration; add the next one.</summary>
internal static class SqliteSchema
{
    public const string MigrationsTable = """
        CREATE TABLE IF NOT EXISTS es_migrations (
          id         TEXT PRIMARY KEY,
          applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
        );
        """;

    // SQLite has one writer at a time and AUTOINCREMENT numbers are assigned inside the write
    // transaction and never reused, so positions are gap-free and in commit order without a head row.
    public const string Log = """
        CREATE TABLE es_streams (
          stream_id   TEXT PRIMARY KEY,
          stream_type TEXT NOT NULL,
          version     INTEGER NOT NULL
        ) WITHOUT ROWID;

        CREATE TABLE es_events (
          position       INTEGER PRIMARY KEY AUTOINCREMENT,
          stream_id      TEXT NOT NULL REFERENCES es_streams (stream_id),
          stream_type    TEXT NOT NULL,
          version        INTEGER NOT NULL,
          event_id       TEXT NOT NULL UNIQUE,
          event_type     TEXT NOT NULL,
          schema_version INTEGER NOT NULL,
          data           TEXT NOT NULL,
          metadata       TEXT NOT NULL,
          recorded_at    TEXT NOT NULL,
          UNIQUE (stream_id, version)
        );
        CREATE INDEX es_events_type_position ON es_events (event_type, position);

        CREATE TABLE es_head (
          id    INTEGER PRIMARY KEY CHECK (id = 1),
          epoch TEXT NOT NULL
        );
        INSERT INTO es_head (id, epoch) VALUES (1, lower(
          hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' ||
          hex(randomblob(2)) || '-' || hex(randomblob(6))));

        CREATE TABLE es_checkpoints (
          name       TEXT PRIMARY KEY,
          position   INTEGER NOT NULL DEFAULT 0,
          updated_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
          last_error TEXT
        );
        """;
}
