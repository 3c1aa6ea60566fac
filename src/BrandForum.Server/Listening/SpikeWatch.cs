using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using BrandForum.Domain.Listening;
using BrandForum.EventStore;
using BrandForum.Server.Analytics;
using Microsoft.Extensions.Options;

namespace BrandForum.Server.Listening;

/// <summary>
/// Looks for mention spikes (<see cref="Spikes"/>) every few seconds and records each one in the log, which is what
/// reaches the CMs live (`moderation` channel, item `listening-spike`): live pushes have one source. Each term and
/// hour has its own stream, appended with "no stream yet" expected, so however many nodes look, a spike is recorded
/// (and alerted) once.
/// </summary>
public sealed class SpikeWatch(IEventStore log, ListeningReads reads, IOptions<ListeningOptions> options, TimeProvider time, ILogger<SpikeWatch> logger)
    : BackgroundService
{
    public static string StreamId(string term, DateTimeOffset hour) =>
        $"listening-spike-{hour.UtcDateTime.ToString("yyyyMMddHH", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(term)))[..16]}";

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => PeriodicChecks.RunAsync(
        TimeSpan.FromSeconds(options.Value.CheckSeconds), time, CheckAsync,
        e => logger.LogError(e, "Looking for mention spikes failed; trying again later"), stoppingToken);

    /// <summary>Records this hour's new spikes; returns how many this call recorded.</summary>
    public async Task<int> CheckAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var hour = ListeningSchema.StartOfHour(now);
        var recorded = 0;
        var rows = await reads.HourlyAsync(hour.AddHours(-Spikes.TrailingHours), ct);
        foreach (var term in rows.GroupBy(r => r.Term, StringComparer.Ordinal))
        {
            var counts = term.ToDictionary(
                r => DateTimeOffset.ParseExact(r.Hour, "yyyy-MM-dd'T'HH", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
                r => r.Count);
            var (isSpike, count, average) = Spikes.Check(counts, hour, options.Value.SpikeFactor, options.Value.MinimumCount);
            if (!isSpike)
            {
                continue;
            }

            try
            {
                await log.AppendAsync(StreamId(term.Key, hour), ExpectedVersion.NoStream, [new MentionSpikeDetected(term.Key, hour, count, average, now)], new EventMetadata(Actor: "listening"), ct);
                recorded++;
            }
            catch (ConcurrencyException)
            {
                // Already recorded this hour, by this node or another.
            }
        }

        return recorded;
    }
}
