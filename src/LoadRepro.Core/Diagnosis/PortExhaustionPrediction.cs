using System.Globalization;
using LoadRepro.Core.Records;

namespace LoadRepro.Core.Diagnosis;

/// <summary>
/// Predicts when the connecting side runs out of local ports (EADDRNOTAVAIL), from the sysctls of its namespace and the path
/// (docs/KERNEL-FACTS.md): the side that closes first keeps each port in TIME_WAIT for 60 s, and connect() reuses such a port
/// only where tcp_tw_reuse applies (1 = any path, 2 = loopback only), with timestamps on, after tcp_tw_reuse_delay.
/// </summary>
public static class PortExhaustionPrediction
{
    /// <summary>The sysctls and the load that decide it.</summary>
    public sealed record Conditions
    {
        /// <summary>Ports per (source, destination, port) tuple: the size of ip_local_port_range.</summary>
        public required int PortsPerTuple { get; init; }

        /// <summary>net.ipv4.tcp_tw_reuse on the connecting side (0, 1 or 2).</summary>
        public required int TwReuse { get; init; }

        /// <summary>Whether net.ipv4.tcp_timestamps is on.</summary>
        public bool Timestamps { get; init; } = true;

        /// <summary>net.ipv4.tcp_tw_reuse_delay in milliseconds (1000 when the kernel has no such setting).</summary>
        public int ReuseDelayMs { get; init; } = 1000;

        /// <summary>True when client and server talk over loopback.</summary>
        public required bool Loopback { get; init; }

        /// <summary>New connections per second the load opens.</summary>
        public required double ConnectionsPerSecond { get; init; }

        /// <summary>How many connections the load plans at most.</summary>
        public required long PlannedConnections { get; init; }
    }

    /// <summary>The prediction beside the client's measurement, with the reason in words.</summary>
    public static PortExhaustionInfo Predict(Conditions c, long connectionsOpened, long addressNotAvailable)
    {
        var reuse = c.Timestamps && (c.TwReuse == 1 || (c.TwReuse == 2 && c.Loopback));
        var path = c.Loopback ? "loopback" : "a real interface (the veth pair)";
        string reason;
        int? predicted;
        if (reuse)
        {
            predicted = null;
            reason = Text($"Predicted: no port exhaustion. tcp_tw_reuse={c.TwReuse} applies on {path}, so connect() reuses a port in TIME_WAIT ") +
                Text($"{c.ReuseDelayMs} ms after its last timestamp: at {c.ConnectionsPerSecond:0}/s about {c.ConnectionsPerSecond * c.ReuseDelayMs / 1000:0} ports ") +
                Text($"are in their reuse delay at a time, within the {c.PortsPerTuple} of ip_local_port_range.");
        }
        else
        {
            predicted = c.PortsPerTuple;
            var why = !c.Timestamps ? "tcp_timestamps is off" : c.TwReuse == 0 ? "tcp_tw_reuse=0" : $"tcp_tw_reuse={c.TwReuse} applies to loopback only and this path is {path}";
            reason = Text($"Predicted: EADDRNOTAVAIL after {c.PortsPerTuple} connections ({why}): each connection the client closes first keeps its port of ip_local_port_range ") +
                Text($"in TIME_WAIT for 60 s, and that port is not reused; the load planned {c.PlannedConnections} at {c.ConnectionsPerSecond:0}/s.");
        }

        var measured = addressNotAvailable > 0
            ? Text($" Measured: {connectionsOpened} connections opened, then {addressNotAvailable} connects failed with EADDRNOTAVAIL.")
            : Text($" Measured: {connectionsOpened} connections opened, none failed with EADDRNOTAVAIL.");
        return new PortExhaustionInfo
        {
            PredictedConnections = predicted,
            MeasuredConnections = connectionsOpened,
            AddressNotAvailable = addressNotAvailable,
            Reason = reason + measured,
        };
    }

    private static string Text(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
