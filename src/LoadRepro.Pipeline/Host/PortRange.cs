using System.Globalization;

namespace LoadRepro.Pipeline.Host;

/// <summary>The size of net.ipv4.ip_local_port_range: local ports per (source, destination, port) tuple.</summary>
public static class PortRange
{
    /// <summary>The size of the kernel's default range, 32768-60999.</summary>
    public const int KernelDefaultSize = 60999 - 32768 + 1;

    /// <summary>The range's size in this network namespace; the kernel default's size when unreadable.</summary>
    public static int Size()
    {
        try
        {
            return SizeOf(File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range")) ?? KernelDefaultSize;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return KernelDefaultSize;
        }
    }

    /// <summary>The size of a range written as the kernel writes it ("32768 60999"); null when it is not one.</summary>
    public static int? SizeOf(string range)
    {
        var parts = range.Split((char[])['\t', ' ', '\n'], StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var low) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var high) && high >= low
            ? high - low + 1
            : null;
    }
}
