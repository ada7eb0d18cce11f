namespace LoadRepro.Core.Scenarios;

/// <summary>Scenarios that belong together, compared pair by pair (<c>scenarios/suites/NAME.yaml</c>).</summary>
public sealed record ScenarioSuite
{
    /// <summary>The suite's name, e.g. <c>close-wait</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line saying what the pairs show.</summary>
    public string Description { get; init; } = "";

    /// <summary>Each pair: the scenario showing the problem (A) and the one showing it fixed or avoided (B), by name.</summary>
    public IReadOnlyList<(string A, string B)> Pairs { get; init; } = [];
}
