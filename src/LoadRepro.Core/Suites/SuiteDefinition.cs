namespace LoadRepro.Core.Suites;

/// <summary>A suite (<c>scenarios/suites/NAME.yaml</c>): pairs of scenarios compared one after the other, with one index page.</summary>
public sealed record SuiteDefinition
{
    /// <summary>The suite's name.</summary>
    public required string Name { get; init; }

    /// <summary>What it checks, in a sentence.</summary>
    public string Description { get; init; } = "";

    /// <summary>The pairs, in order: A is the baseline (e.g. the buggy build), B the candidate (e.g. the fix).</summary>
    public required IReadOnlyList<SuitePair> Pairs { get; init; }
}
