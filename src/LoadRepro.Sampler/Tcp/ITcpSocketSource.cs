using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Tcp;

/// <summary>Where the TCP sockets of the target's network namespace are read from: netlink sock_diag or /proc/PID/net/tcp{,6}.</summary>
public interface ITcpSocketSource : IDisposable
{
    /// <summary>Which source this is, as recorded in summary.json (samples.source).</summary>
    SocketSourceKind Kind { get; }

    /// <summary>Counts every TCP socket (IPv4 and IPv6) into <paramref name="tally"/>; false when the namespace could not be read.</summary>
    /// <param name="port">The port under test; 0 for none (then only owned sockets are counted).</param>
    /// <param name="ownedInodes">Inodes of the process's socket descriptors.</param>
    /// <param name="tally">Cleared by the caller; counts are added.</param>
    bool TryCount(int port, HashSet<ulong> ownedInodes, TcpTally tally);
}
