namespace LoadRepro.Core.Diagnosis;

/// <summary>
/// The sysctls of the connecting side's namespace and the path that decide how many connections it can open before
/// EADDRNOTAVAIL (see <see cref="PortExhaustionPrediction"/>); known where the run set them, as the lab does.
/// </summary>
public sealed record ClientPortPath
{
    /// <summary>Ports per (source, destination, port) tuple: the size of ip_local_port_range.</summary>
    public required int PortsPerTuple { get; init; }

    /// <summary>net.ipv4.tcp_tw_reuse on the connecting side (0, 1 or 2; the kernel's default is 2).</summary>
    public int TwReuse { get; init; } = 2;

    /// <summary>Whether net.ipv4.tcp_timestamps is on.</summary>
    public bool Timestamps { get; init; } = true;

    /// <summary>net.ipv4.tcp_tw_reuse_delay in milliseconds (1000 when the kernel has no such setting).</summary>
    public int ReuseDelayMs { get; init; } = 1000;

    /// <summary>True when client and server talk over loopback.</summary>
    public required bool Loopback { get; init; }
}
