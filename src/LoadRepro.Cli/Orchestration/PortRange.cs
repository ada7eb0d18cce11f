namespace LoadRepro.Cli.Orchestration;

/// <summary>The size of net.ipv4.ip_local_port_range: local ports per (source, destination, port) tuple.</summary>
public static class PortRange
{
    /// <summary>The range's size in this network namespace; the kernel default's size when unreadable.</summary>
    public static int Size()
    {
        try
        {
            var parts = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture) - int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 1;
        }
        catch (Exception e) when (e is IOException or FormatException or IndexOutOfRangeException or UnauthorizedAccessException)
        {
            return 60999 - 32768 + 1;
        }
    }
}
