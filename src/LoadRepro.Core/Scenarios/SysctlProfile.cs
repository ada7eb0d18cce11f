namespace LoadRepro.Core.Scenarios;

/// <summary>A named set of sysctls the lab writes into each of its namespaces (<c>scenarios/profiles/NAME.yaml</c>).</summary>
public sealed record SysctlProfile
{
    /// <summary>The profile's name, e.g. <c>blog-advice</c>.</summary>
    public required string Name { get; init; }

    /// <summary>One line saying where the values come from.</summary>
    public string Description { get; init; } = "";

    /// <summary>The sysctls in file order, by dotted name (<c>net.ipv4.tcp_tw_reuse</c>) with the value to write.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Sysctls { get; init; } = [];

    /// <summary>The path of a dotted sysctl name under /proc/sys, e.g. <c>net/ipv4/tcp_tw_reuse</c>.</summary>
    public static string PathOf(string dottedName) => dottedName.Replace('.', '/');
}
