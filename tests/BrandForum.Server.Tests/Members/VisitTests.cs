using BrandForum.EventStore;
using BrandForum.Server.Tests.Infrastructure;

namespace BrandForum.Server.Tests.Members;

public abstract class VisitTests(StorageEngine engine) : ForumTest(engine)
{
    [Fact]
    public async Task RecordsOneVisitEventPerMemberPerDayInTheLog()
    {
        var client = Forum.CreateClient();
        var alice = await client.SignUpAndInAsync("alice");
        var aliceId = (await (await client.SendAsync(HttpMethod.Get, "/api/me", alice)).JsonAsync()).GetProperty("memberId").GetString();

        for (var i = 0; i < 3; i++)
        {
            await client.SendAsync(HttpMethod.Get, "/api/categories", alice);
        }

        var visit = Assert.Single(await Forum.Store.ReadStreamAsync($"visits-{aliceId}"));
        Assert.Equal("member.visited", visit.Type);
    }
}

public sealed class SqliteVisitTests() : VisitTests(StorageEngine.Sqlite);

public sealed class PostgresVisitTests() : VisitTests(StorageEngine.Postgres);
