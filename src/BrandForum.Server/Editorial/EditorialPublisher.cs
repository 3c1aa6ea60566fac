using System.Security.Cryptography;
using System.Text;
using BrandForum.Domain.Editorial;
using BrandForum.Domain.Topics;
using BrandForum.EventStore;
using BrandForum.Server.Members;
using BrandForum.Server.Storage;
using BrandForum.Server.Topics;

namespace BrandForum.Server.Editorial;

/// <summary>
/// Publishes scheduled items when their time comes, on every node, one node at a time. Exactly once does not rest
/// on the lease (a node may stall past it): an occurrence is published by appending <see cref="ItemPublished"/> at
/// the version the item was read at, so a second publisher conflicts, re-reads and decides nothing; its topic has an
/// id derived from item and occurrence, started after that event and started again until it exists — a start that
/// finds the topic there changes nothing. A crash between the two is repaired on the next round.
/// </summary>
public sealed class EditorialPublisher(
    SqlEventStore store, Leases leases, EditorialOptions options, MemberCards cards, TimeProvider time, ILogger<EditorialPublisher> logger) : BackgroundService
{
    public const string LeaseName = "editorial-publisher";

    /// <summary>How many due items one round handles; the next round takes the rest.</summary>
    private const int Batch = 50;

    public string Holder { get; } = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Publisher)
        {
            return;
        }

        // Real time between rounds, the TimeProvider for what is due: tests move the clock and the next round sees it.
        await PeriodicChecks.RunAsync(
            options.PollInterval, TimeProvider.System, RunOnceAsync,
            e => logger.LogWarning(e, "The editorial publisher failed a round; it tries again in {Interval}.", options.PollInterval), stoppingToken, atOnce: true);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (options.Publisher)
        {
            try
            {
                await leases.ReleaseAsync(LeaseName, Holder, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogInformation(e, "The editorial lease was not released; it expires by itself.");
            }
        }
    }

    /// <summary>One round: if this node holds the lease, publish what is due and start topics still missing. Returns the occurrences published.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct) =>
        await leases.TryAcquireAsync(LeaseName, Holder, options.Lease, ct) ? await PublishDueAsync(ct) : 0;

    /// <summary>Publishes every due occurrence, lease or not (safe to run on several nodes at once), then starts missing topics.</summary>
    public async Task<int> PublishDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = await store.QueryAsync(
            "SELECT item_id, owner_id, occurrence, publish_at, recurrence, as_brand FROM editorial_items WHERE stage = @stage AND publish_at <= @now ORDER BY publish_at LIMIT @limit",
            r => (Item: r.GetGuid(0), Owner: r.GetGuid(1), Occurrence: r.GetInt32(2), At: Sql.ReadTime(r, 3), Recurrence: EditorialProjection.ReadRecurrence(Sql.ReadOptionalString(r, 4)), AsBrand: r.GetInt32(5) == 1),
            ct,
            ("stage", EditorialItem.Name(ItemStage.Scheduled)), ("now", Sql.Time(store.Engine, now)), ("limit", Batch));
        var published = 0;
        foreach (var item in due)
        {
            var author = item.AsBrand && await BrandAccountAsync(ct) is { } brand ? brand : item.Owner;

            // Occurrences missed while every node was down are skipped, not published in a burst: the next one is after now.
            var next = item.Recurrence is { } recurrence ? Recurrences.Next(recurrence, item.At > now ? item.At : now) : (DateTimeOffset?)null;
            var command = new PublishOccurrence(item.Occurrence, item.At, TopicIdOf(item.Item, item.Occurrence), author, next, author, now);
            var decided = await store.DecideAsync(EditorialSetup.StreamId(item.Item), EditorialItem.Decider, command, new EventMetadata(Actor: "editorial-publisher"), ct: ct);
            if (decided.Decision.Error is { } error)
            {
                logger.LogInformation("Item {Item} was not published: {Code}.", item.Item, error.Code);
            }

            published += decided.Decision.Events.Count;
        }

        await StartMissingTopicsAsync(ct);
        return published;
    }

    /// <summary>The topic of an occurrence: the same id on every node and every attempt, so it can exist only once.</summary>
    public static Guid TopicIdOf(Guid itemId, int occurrence) => DerivedId($"editorial-topic:{itemId}:{occurrence}");

    private static Guid PostIdOf(Guid topicId) => DerivedId($"editorial-post:{topicId}");

    /// <summary>A name-based id (RFC 9562 version 8 over SHA-256).</summary>
    private static Guid DerivedId(string name)
    {
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes(name))[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private async Task StartMissingTopicsAsync(CancellationToken ct)
    {
        var missing = await store.QueryAsync(
            "SELECT p.topic_id, p.category, p.title, p.body, p.author_id, p.published_at FROM editorial_publications p " +
            "LEFT JOIN topics t ON t.topic_id = p.topic_id WHERE t.topic_id IS NULL ORDER BY p.published_at LIMIT @limit",
            r => new StartTopic(r.GetGuid(0), r.GetString(1), r.GetString(2), PostIdOf(r.GetGuid(0)), r.GetString(3), new Actor(r.GetGuid(4), IsStaff: true), Sql.ReadTime(r, 5)),
            ct,
            ("limit", Batch));
        foreach (var start in missing)
        {
            // The item's review by a second CM is the screening: the community rules are for members' posts.
            var decided = await store.DecideAsync(
                TopicsSetup.StreamId(start.TopicId), Topic.Decider, start, new EventMetadata(Actor: start.By.MemberId.ToString(), CausationId: "editorial-publisher"), ct: ct);
            if (decided.Decision.Error is { Code: not "topic-exists" } error)
            {
                logger.LogWarning("The topic of an editorial item could not start: {Code} {Message}.", error.Code, error.Message);
            }
        }
    }

    private async Task<Guid?> BrandAccountAsync(CancellationToken ct) =>
        options.BrandAccount is { } userName ? (await cards.FindByUserNameAsync(userName, ct))?.MemberId : null;
}
