namespace LoadRepro.Core.Records;

/// <summary>The machine a run ran on, as far as it shapes descriptor and socket behaviour.</summary>
public sealed record HostInfo
{
    /// <summary>The kernel release, as <c>uname -r</c> prints it.</summary>
    public required string Kernel { get; init; }

    /// <summary>The sysctls that matter for TIME_WAIT, ports and descriptors, by their dotted name, as the kernel prints them.</summary>
    public IReadOnlyDictionary<string, string> Sysctls { get; init; } = new Dictionary<string, string>();

    /// <summary>The load generator's own descriptor limit (soft / hard).</summary>
    public string? ClientFdLimit { get; init; }
}
