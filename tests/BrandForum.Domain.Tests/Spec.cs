using BrandForum.Domain;

namespace BrandForum.Domain.Tests;

/// <summary>Given past events, when a command, then these events — or this refusal code.</summary>
public static class Spec
{
    public static Scenario<TCommand, TEvent, TState> For<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> decider) => new(decider, []);
}

public sealed record Scenario<TCommand, TEvent, TState>(Decider<TCommand, TEvent, TState> Decider, IReadOnlyList<TEvent> History)
{
    public Scenario<TCommand, TEvent, TState> Given(params TEvent[] history) => this with { History = history };

    public Outcome<TEvent> When(TCommand command) => new(Decider.Decide(command, Decider.Fold(History)));
}

public sealed record Outcome<TEvent>(Decision<TEvent> Decision)
{
    public void Then(params TEvent[] expected)
    {
        Assert.True(Decision.Error is null, $"Expected events but the command was refused: {Decision.Error}");
        Assert.Equal(expected.Select(Json), Decision.Events.Select(Json));
    }

    public void ThenNothing() => Then();

    /// <summary>Events compare by type and content (records holding lists would otherwise compare by reference).</summary>
    private static string Json(TEvent e) => $"{e!.GetType().Name} {System.Text.Json.JsonSerializer.Serialize(e, e.GetType())}";

    public void ThenFails(string code)
    {
        Assert.True(Decision.Error is not null, $"Expected '{code}' but the command was accepted with {Decision.Events.Count} event(s).");
        Assert.Equal(code, Decision.Error!.Code);
        Assert.Empty(Decision.Events);
    }
}
