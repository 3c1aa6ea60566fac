using System.Globalization;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using BrandForum.Server.Badges;
using BrandForum.Server.Storage;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Storage;

/// <summary>Migrations that reshape a projection's tables keep what an older version wrote (no rebuild needed on upgrade).</summary>
public abstract class ReadModelMigrationTests(StorageEngine engine) : IDisposable
{
    private static readonly Guid Ann = new("0190a000-0000-7000-8000-000000000001");
    private static readonly Guid Bob = new("0190a000-0000-7000-8000-000000000002");

    private readonly ForumFactory _forum = new(engine);

    public void Dispose()
    {
        _forum.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task BadgeCountsMoveToOneRowPerMember()
    {
        await using (var before = await OpenAsync(BadgeProjection.Tables))
        {
            await before.ExecuteAsync(
                "INSERT INTO badge_activity (member_id, activity, value) VALUES (@a, 'posts', 12), (@a, 'reactions', 30), (@a, 'visits', 4), (@b, 'referrals', 2)",
                default, ("a", Sql.Id(engine, Ann)), ("b", Sql.Id(engine, Bob)));
        }

        await using var after = await OpenAsync(BadgeProjection.Tables, BadgeProjection.Totals);
        var totals = await after.QueryAsync(
            "SELECT member_id, posts, topics, reactions, referrals, visits FROM badge_totals ORDER BY member_id",
            r => string.Join(' ', Enumerable.Range(0, 6).Select(i => i == 0 ? BadgeProjection.ReadId(r.GetValue(0)).ToString() : Convert.ToString(r.GetValue(i), CultureInfo.InvariantCulture))),
            default);
        Assert.Equal([$"{Ann} 12 0 30 0 4", $"{Bob} 0 0 0 2 0"], totals);
    }

    [Fact]
    public async Task ActiveMembersAndContributionsMoveToOneTableOfMemberDays()
    {
        await using (var before = await OpenAsync(AnalyticsSchema.Tables, AnalyticsSchema.Solved))
        {
            // Ann posted in two categories on the 1st and only visited on the 2nd; Bob only reacted on the 1st.
            await before.ExecuteAsync(
                "INSERT INTO analytics_active (day, member_id) VALUES ('2026-11-01', @a), ('2026-11-02', @a), ('2026-11-01', @b)", default,
                ("a", Sql.Id(engine, Ann)), ("b", Sql.Id(engine, Bob)));
            await before.ExecuteAsync(
                "INSERT INTO analytics_contributions (day, category, member_id, posts) VALUES ('2026-11-01', 'news', @a, 3), ('2026-11-01', 'help', @a, 1)", default,
                ("a", Sql.Id(engine, Ann)));
        }

        await using var after = await OpenAsync([.. AnalyticsSchema.All]);
        var rows = await after.QueryAsync(
            "SELECT day, member_id, category, posts FROM analytics_member_days ORDER BY day, member_id, category",
            r => $"{r.GetString(0)} {(BadgeProjection.ReadId(r.GetValue(1)) == Ann ? "ann" : "bob")} '{r.GetString(2)}' {Convert.ToInt64(r.GetValue(3), CultureInfo.InvariantCulture)}",
            default);
        Assert.Equal(["2026-11-01 ann 'help' 1", "2026-11-01 ann 'news' 3", "2026-11-01 bob '' 0", "2026-11-02 ann '' 0"], rows);
    }

    private async Task<SqlEventStore> OpenAsync(params Migration[] migrations)
    {
        var store = EventStoreFactory.Create(engine, _forum.ConnectionString, new EventStoreOptions { Types = new EventTypeRegistry(), Migrations = migrations });
        await store.MigrateAsync();
        return store;
    }
}

public sealed class SqliteReadModelMigrationTests() : ReadModelMigrationTests(StorageEngine.Sqlite);

public sealed class PostgresReadModelMigrationTests() : ReadModelMigrationTests(StorageEngine.Postgres);
