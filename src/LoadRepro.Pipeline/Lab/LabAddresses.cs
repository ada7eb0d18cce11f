using System.Net;

namespace LoadRepro.Pipeline.Lab;

/// <summary>The lab's addresses: 198.18.0.0/15, reserved for benchmarking (RFC 2544), so lab traffic never leaves the namespaces.</summary>
public static class LabAddresses
{
    /// <summary>The lab network.</summary>
    public const string Network = "198.18.0.0/15";

    /// <summary>The server's end of the veth pair.</summary>
    public static IPAddress Server { get; } = IPAddress.Parse("198.18.0.1");

    /// <summary>The client's end of the veth pair.</summary>
    public static IPAddress Client { get; } = IPAddress.Parse("198.18.0.2");

    /// <summary>The prefix length on both ends.</summary>
    public const int PrefixLength = 15;

    /// <summary>Parses an address the test server may listen on: loopback, or inside the lab network (network safety, STYLE).</summary>
    public static bool TryParseListen(string text, out IPAddress address)
    {
        if (!IPAddress.TryParse(text, out address!))
        {
            address = IPAddress.Loopback;
            return false;
        }

        return IPAddress.IsLoopback(address) || InLabNetwork(address);
    }

    /// <summary>True for an IPv4 address in 198.18.0.0/15.</summary>
    public static bool InLabNetwork(IPAddress address)
    {
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            return false;
        }

        var b = address.GetAddressBytes();
        return b[0] == 198 && (b[1] & 0xFE) == 18;
    }
}
