namespace LoadRepro.Core.Scenarios;

/// <summary>A suite file as YamlDotNet reads it, checked by <see cref="ScenarioSuiteParser"/>.</summary>
internal sealed record ScenarioSuiteDto
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    /// <summary>Each pair as written, <c>[a, b]</c>; that it has two names is checked after.</summary>
    public List<List<string?>>? Pairs { get; init; }
}
