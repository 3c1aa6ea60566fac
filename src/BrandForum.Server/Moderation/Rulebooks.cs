using BrandForum.Domain.Moderation;
using BrandForum.EventStore;
using BrandForum.Server.Storage;

namespace BrandForum.Server.Moderation;

/// <summary>
/// The rulebook in force: the latest published version from the log, or the built-in default (version 0) until
/// a CM publishes one. Compiled once per version and shared: evaluating a post reads no YAML.
/// </summary>
public sealed class Rulebooks(IEventStore store, TimeProvider time)
{
    public const string StreamId = "rulebook-community";

    private static readonly Lazy<(string Yaml, CompiledRulebook Compiled)> Default = new(() =>
    {
        var yaml = RulebookYaml.DefaultYaml();
        return (yaml, RuleEngine.Compile(RulebookYaml.Parse(yaml).Rulebook!));
    });

    /// <summary>Replaced whole (a reference), so concurrent readers never see half of one version and half of another.</summary>
    private Published? _current;

    /// <summary>The version in force, its YAML and its compiled rules; reads only what was published since the last call.</summary>
    public async Task<(int Version, string Yaml, CompiledRulebook Compiled)> CurrentAsync(CancellationToken ct)
    {
        var known = _current;
        var published = await store.ReadStreamAsync(StreamId, known?.StreamVersion ?? 0, ct);
        if (published.Count > 0 && published[^1].Data is RulebookPublished latest)
        {
            known = new Published(published[^1].Version, latest.Yaml, RuleEngine.Compile(RulebookYaml.Parse(latest.Yaml, latest.Version).Rulebook!));
            _current = known;
        }

        return known is { } k ? (k.Compiled.Rulebook.Version, k.Yaml, k.Compiled) : (0, Default.Value.Yaml, Default.Value.Compiled);
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
            : ((await CurrentAsync(ct)).Version, []);
    }
}
