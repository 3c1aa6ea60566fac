using BrandForum.EventStore;

namespace BrandForum.Server.Referrals;

/// <summary>Tables of the ambassador programme and referrals.</summary>
public static class ReferralsSchema
{
    /// <summary>
    /// ambassadors and referral_codes follow the programme's and referrers' streams; referrals and referral_posts
    /// follow members, posts and bans (see <see cref="ReferralFunnelProjection"/>). referral_visits counts link
    /// visits by code and day; registration_addresses keeps the address each member registered from, for the
    /// self-referral guard (request data, not facts for the log).
    /// </summary>
    public static Migration Tables { get; } = new(
        "referrals/001-programme-codes-funnel",
        """
        CREATE TABLE ambassadors (
          member_id uuid PRIMARY KEY, tier int NOT NULL, status text NOT NULL, since timestamptz NOT NULL, changed_at timestamptz NOT NULL, note text);
        CREATE TABLE referral_codes (code text PRIMARY KEY, member_id uuid NOT NULL, label text, created_at timestamptz NOT NULL);
        CREATE INDEX referral_codes_member ON referral_codes (member_id);
        CREATE TABLE referrals (
          member_id uuid PRIMARY KEY, referrer_id uuid NOT NULL, code text NOT NULL, registered_at timestamptz NOT NULL,
          activation_deadline timestamptz NOT NULL, activated_at timestamptz, last_post_at timestamptz, struck_at timestamptz, struck_by uuid);
        CREATE INDEX referrals_referrer ON referrals (referrer_id, registered_at);
        CREATE INDEX referrals_code ON referrals (code, registered_at);
        CREATE INDEX referrals_struck_by ON referrals (struck_by);
        CREATE TABLE referral_posts (post_id uuid PRIMARY KEY, member_id uuid NOT NULL, at timestamptz NOT NULL, deleted_at timestamptz, hidden_at timestamptz);
        CREATE INDEX referral_posts_member ON referral_posts (member_id, at);
        CREATE TABLE referral_visits (code text NOT NULL, day date NOT NULL, visits int NOT NULL, PRIMARY KEY (code, day));
        CREATE TABLE registration_addresses (member_id uuid PRIMARY KEY, address text NOT NULL, at timestamptz NOT NULL);
        """,
        """
        CREATE TABLE ambassadors (
          member_id TEXT PRIMARY KEY, tier INTEGER NOT NULL, status TEXT NOT NULL, since TEXT NOT NULL, changed_at TEXT NOT NULL, note TEXT) WITHOUT ROWID;
        CREATE TABLE referral_codes (code TEXT PRIMARY KEY, member_id TEXT NOT NULL, label TEXT, created_at TEXT NOT NULL) WITHOUT ROWID;
        CREATE INDEX referral_codes_member ON referral_codes (member_id);
        CREATE TABLE referrals (
          member_id TEXT PRIMARY KEY, referrer_id TEXT NOT NULL, code TEXT NOT NULL, registered_at TEXT NOT NULL,
          activation_deadline TEXT NOT NULL, activated_at TEXT, last_post_at TEXT, struck_at TEXT, struck_by TEXT) WITHOUT ROWID;
        CREATE INDEX referrals_referrer ON referrals (referrer_id, registered_at);
        CREATE INDEX referrals_code ON referrals (code, registered_at);
        CREATE INDEX referrals_struck_by ON referrals (struck_by);
        CREATE TABLE referral_posts (post_id TEXT PRIMARY KEY, member_id TEXT NOT NULL, at TEXT NOT NULL, deleted_at TEXT, hidden_at TEXT) WITHOUT ROWID;
        CREATE INDEX referral_posts_member ON referral_posts (member_id, at);
        CREATE TABLE referral_visits (code TEXT NOT NULL, day TEXT NOT NULL, visits INTEGER NOT NULL, PRIMARY KEY (code, day)) WITHOUT ROWID;
        CREATE TABLE registration_addresses (member_id TEXT PRIMARY KEY, address TEXT NOT NULL, at TEXT NOT NULL) WITHOUT ROWID;
        """);
}
