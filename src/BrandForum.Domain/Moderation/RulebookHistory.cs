namespace BrandForum.Domain.Moderation;

/// <summary>The server has read the YAML and found it valid; the domain numbers the publication.</summary>
public sealed record PublishRulebook(string Yaml, int RuleCount, Guid By, DateTimeOffset At);

public sealed record RulebookPublished(int Version, string Yaml, int RuleCount, Guid By, DateTimeOffset At);

public sealed record RulebookHistoryState(int Version, string Yaml)
{
    public static RulebookHistoryState Initial { get; } = new(0, "");
}

/// <summary>Each publication of the rulebook is a version, 1, 2, …; publishing the same text again changes nothing.</summary>
public static class RulebookHistory
{
    public const int MaxYamlLength = 256 * 1024;

    public static Decider<PublishRulebook, RulebookPublished, RulebookHistoryState> Decider { get; } = new(RulebookHistoryState.Initial, Decide, Evolve);

    public static Decision<RulebookPublished> Decide(PublishRulebook command, RulebookHistoryState state) =>
        command.Yaml.Length > MaxYamlLength ? Decision<RulebookPublished>.Refuse("invalid-rulebook", $"A rulebook is at most {MaxYamlLength / 1024} kB.")
        : command.Yaml == state.Yaml ? Decision<RulebookPublished>.Nothing
        : Decision<RulebookPublished>.Accept(new RulebookPublished(state.Version + 1, command.Yaml, command.RuleCount, command.By, command.At));

    public static RulebookHistoryState Evolve(RulebookHistoryState state, RulebookPublished e) => new(e.Version, e.Yaml);
}
