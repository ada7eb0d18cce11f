using System.Globalization;

namespace LoadRepro.Core.Sysctls;

/// <summary>net.ipv4.ip_local_port_range read as a count: the local ports connect() may pick for one destination.</summary>
public static class LocalPortRange
{
    /// <summary>The size of the kernel's default range, 32768-60999.</summary>
    public const int KernelDefaultSize = 60999 - 32768 + 1;

    /// <summary>Ports per tuple in this process's network namespace; the kernel default's when unreadable.</summary>
    public static int InThisNamespace(SysctlReader sysctls) =>
        sysctls.Read("net.ipv4.ip_local_port_range") is { } r && PortsPerTuple(r) is { } n ? n : KernelDefaultSize;

    /// <summary>Ports per (source address, destination address, destination port) tuple for a range such as "40000 40999"; null when not a range.</summary>
    public static int? PortsPerTuple(string range)
    {
        var parts = SysctlReader.Normalize(range).Split(' ');
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var low) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var high) && high >= low
            ? high - low + 1
            : null;
    }
}
