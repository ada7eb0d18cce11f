namespace LoadRepro.Core.Sysctls;

/// <summary>What one sysctl really does, read from the kernel's behaviour rather than from advice.</summary>
public sealed record SysctlEntry
{
    /// <summary>The dotted name, e.g. <c>net.ipv4.tcp_tw_reuse</c>.</summary>
    public required string Name { get; init; }

    /// <summary>What it does in one line, for a report's environment table; empty for a setting the catalogue does not know.</summary>
    public required string Summary { get; init; }

    /// <summary>When and on what it acts, as a clause that reads on from "it ...", for a comparison's findings.</summary>
    public required string Acts { get; init; }

    /// <summary>What it bounds: descriptors, ports, or neither.</summary>
    public required SysctlBound Bounds { get; init; }

    /// <summary>The figures of a run it can move; a change of it that moves none of them changed nothing measurable.</summary>
    public required IReadOnlyList<WatchedFigure> Figures { get; init; }

    /// <summary>What a value in force means, in full sentences; null when <see cref="Summary"/> says all there is to say.</summary>
    public Func<string, string>? Detail { get; init; }

    /// <summary>Why a kernel lacks it, for a setting that was removed from Linux; null for one that every current kernel has.</summary>
    public string? Removal { get; init; }

    /// <summary>
    /// The sysctl whose value, in seconds, must pass before this one can act at all, with that sysctl's kernel default: the
    /// keep-alive family waits for a connection to lie idle for tcp_keepalive_time (two hours by default), tcp_fin_timeout
    /// reaps only orphaned FIN_WAIT2 sockets older than itself. A run shorter than the wait cannot show an effect. Null
    /// for a setting that acts at once.
    /// </summary>
    public (string Sysctl, double DefaultSeconds)? WaitsFor { get; init; }

    /// <summary>What <paramref name="value"/> in force means, in full sentences.</summary>
    public string Explain(string value) => Detail is null ? Summary : Detail(value);
}
