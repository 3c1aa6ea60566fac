namespace BrandForum.EventStore;

/// <summary>
/// Who caused an event and why: the actor (a member id, "system" or a rule), the correlation id shared by
/// everything one request caused, and the causation id of the command or event that caused it.
/// <see cref="Extra"/> carries anything else worth keeping (rule ids, rulebook version).
/// </summary>
public sealed record EventMetadata(
    string? Actor = null,
    string? CorrelationId = null,
    string? CausationId = null,
    IReadOnlyDictionary<string, string>? Extra = null)
{
    public static EventMetadata None { get; } = new();
}
