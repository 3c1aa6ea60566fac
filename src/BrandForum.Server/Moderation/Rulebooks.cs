using BrandForum.Domain.Moderation;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

/// <summary>
/// The rulebook in force: the latest published version from the log, or the built-in default (version 0) until
/// a CM publishes one. Compiled once per version and shared: evaluating a post reads no YAML. While the node's log
/// tail runs, the rulebook is read again only when a new version is published (by any node), not for every post.
/// </summary>
public sealed class Rulebooks(IEventStore store, TimeProvider time) : ILogFollower
{
    public const string StreamId = "rulebook-community";

    private static readonly Lazy<(string Yaml, CompiledRulebook Compiled)> Default = new(() =>
    {
        var yaml = RulebookYaml.DefaultYaml();
        return (yaml, RuleEngine.Compile(RulebookYaml.Parse(yaml).Rulebook!));
    });

    /// <summary>Replaced whole (a reference), so concurrent readers never see half of one version and half of another.</summary>
    private Published? _current;

    /// <summary>Counts the publications the log tail has seen; -1 until it follows the log (then every call reads).</summary>
    private long _publications = -1;

    /// <summary>The value of <see cref="_publications"/> when <see cref="_current"/> was read.</summary>
    private long _readAt = -2;

    /// <summary>The version in force, its YAML and its compiled rules; reads only what was published since the last read.</summary>
    public Task<(int Version, string Yaml, CompiledRulebook Compiled)> CurrentAsync(CancellationToken ct) => CurrentAsync(read: false, ct);

    private async Task<(int Version, string Yaml, CompiledRulebook Compiled)> CurrentAsync(bool read, CancellationToken ct)
    {
        var publications = Interlocked.Read(ref _publications);
        var known = _current;
        if (read || publications < 0 || Interlocked.Read(ref _readAt) != publications)
        {
            var published = await store.ReadStreamAsync(StreamId, known?.StreamVersion ?? 0, ct);
            if (published.Count > 0 && published[^1].Data is RulebookPublished latest)
            {
                known = new Published(published[^1].Version, latest.Yaml, RuleEngine.Compile(RulebookYaml.Parse(latest.Yaml, latest.Version).Rulebook!));
                if (_current is not { } kept || kept.StreamVersion < known.StreamVersion)
                {
                    _current = known; // a slower read never puts back an older version
                }
            }

            Interlocked.Exchange(ref _readAt, publications); // counted before the read: a publication seen meanwhile reads again
        }

        return known is { } k ? (k.Compiled.Rulebook.Version, k.Yaml, k.Compiled) : (0, Default.Value.Yaml, Default.Value.Compiled);
    }

    void ILogFollower.OnStart() => Interlocked.Exchange(ref _publications, 0);

    Task ILogFollower.OnEventAsync(RecordedEvent e, CancellationToken ct)
    {
        if (e.StreamId == StreamId)
        {
            Interlocked.Increment(ref _publications);
        }

        return Task.CompletedTask;
    }

    private sealed record Published(long StreamVersion, string Yaml, CompiledRulebook Compiled);

    /// <summary>Publishes a new version, or says what is wrong in the YAML and where.</summary>
    public async Task<(int? Version, IReadOnlyList<RulebookError> Errors)> PublishAsync(string yaml, Guid by, CancellationToken ct)
    {
        var (rulebook, errors) = RulebookYaml.Parse(yaml);
        if (rulebook is null)
        {
            return (null, errors);
        }

        var decided = await store.DecideAsync(StreamId, RulebookHistory.Decider, new PublishRulebook(yaml, rulebook.Rules.Count, by, time.GetUtcNow()), new EventMetadata(Actor: by.ToString()), ct: ct);
        return decided.Decision.Error is { } error
            ? (null, [new RulebookError(1, 1, error.Message)])
            : ((await CurrentAsync(read: true, ct)).Version, []); // this node's tail may not have seen it yet
    }
}
