using BrandForum.EventStore;

namespace BrandForum.Server.Members;

/// <summary>
/// Tables of the members feature. Identity's own tables come from the SQL EF Core generates for
/// <see cref="IdentityStore"/> (kept in Schema/, with the email index made unique), applied by our migrations.
/// </summary>
public static class MembersSchema
{
    public static Migration Identity { get; } = new("members/001-identity", Resource("identity.postgres.sql"), Resource("identity.sqlite.sql"));

    public static Migration Members { get; } = new(
        "members/002-cards-roles-sessions-keys",
        """
        CREATE TABLE member_cards (
          member_id    uuid PRIMARY KEY,
          user_name    text NOT NULL,
          user_key     text NOT NULL UNIQUE,
          display_name text,
          bio          text,
          avatar_url   text,
          joined_at    timestamptz NOT NULL
        );
        CREATE TABLE member_roles (member_id uuid NOT NULL, role text NOT NULL, PRIMARY KEY (member_id, role));
        CREATE TABLE member_sessions (
          session_id   uuid PRIMARY KEY,
          member_id    uuid NOT NULL,
          device       text NOT NULL,
          created_at   timestamptz NOT NULL,
          last_seen_at timestamptz NOT NULL,
          revoked_at   timestamptz
        );
        CREATE INDEX member_sessions_member ON member_sessions (member_id);
        CREATE TABLE dataprotection_keys (name text PRIMARY KEY, xml text NOT NULL);
        """,
        """
        CREATE TABLE member_cards (
          member_id    TEXT PRIMARY KEY,
          user_name    TEXT NOT NULL,
          user_key     TEXT NOT NULL UNIQUE,
          display_name TEXT,
          bio          TEXT,
          avatar_url   TEXT,
          joined_at    TEXT NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE member_roles (member_id TEXT NOT NULL, role TEXT NOT NULL, PRIMARY KEY (member_id, role)) WITHOUT ROWID;
        CREATE TABLE member_sessions (
          session_id   TEXT PRIMARY KEY,
          member_id    TEXT NOT NULL,
          device       TEXT NOT NULL,
          created_at   TEXT NOT NULL,
          last_seen_at TEXT NOT NULL,
          revoked_at   TEXT
        ) WITHOUT ROWID;
        CREATE INDEX member_sessions_member ON member_sessions (member_id);
        CREATE TABLE dataprotection_keys (name TEXT PRIMARY KEY, xml TEXT NOT NULL) WITHOUT ROWID;
        """);

    /// <summary>The member's chosen language (null: the browser's), read on every signed-in page request.</summary>
    public static Migration Language { get; } = new(
        "members/003-card-language",
        "ALTER TABLE member_cards ADD COLUMN language text;",
        "ALTER TABLE member_cards ADD COLUMN language TEXT;");

    /// <summary>The client address a session began from (null before this column, and without a request).</summary>
    public static Migration SessionAddress { get; } = new(
        "members/004-session-address",
        "ALTER TABLE member_sessions ADD COLUMN address text;",
        "ALTER TABLE member_sessions ADD COLUMN address TEXT;");

    private static string Resource(string name)
    {
        using var stream = typeof(MembersSchema).Assembly.GetManifestResourceStream($"BrandForum.Server.Members.Schema.{name}")
            ?? throw new InvalidOperationException($"Embedded schema {name} is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
