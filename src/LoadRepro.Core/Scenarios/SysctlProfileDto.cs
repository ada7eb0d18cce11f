namespace LoadRepro.Core.Scenarios;

/// <summary>A profile file as YamlDotNet reads it, checked by <see cref="SysctlProfileParser"/>.</summary>
internal sealed record SysctlProfileDto
{
    public string? Name { get; init; }
    public string? Description { get; init; }

    /// <summary>Dotted sysctl name to value; ordered, because the lab writes them in file order.</summary>
    public OrderedDictionary<string, string?>? Sysctls { get; init; }
}
