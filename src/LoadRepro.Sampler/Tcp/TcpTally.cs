using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Tcp;

/// <summary>
/// The TCP sockets of one sample, counted by state three ways: server side (local port = port under test), client side
/// (remote port = port under test) and owned (inode in the process's descriptor table). Reused from sample to sample.
/// </summary>
public sealed class TcpTally
{
    // TCP_NEW_SYN_RECV (12) is a request socket that the kernel reports as SYN_RECV; 13 is TCP_BOUND_INACTIVE (not dumped).
    private const int NewSynRecv = 12;
    private const int Slots = 16;

    private readonly int[] _server = new int[Slots];
    private readonly int[] _client = new int[Slots];
    private readonly int[] _owned = new int[Slots];

    /// <summary>Zeroes every count.</summary>
    public void Clear()
    {
        Array.Clear(_server);
        Array.Clear(_client);
        Array.Clear(_owned);
    }

    /// <summary>Counts a socket by its ports, for <paramref name="port"/> (0: no port under test).</summary>
    public void AddByPort(int state, int localPort, int remotePort, int port)
    {
        state = Normalize(state);
        if (port == 0 || state == 0)
        {
            return;
        }

        if (localPort == port)
        {
            _server[state]++;
        }

        if (remotePort == port)
        {
            _client[state]++;
        }
    }

    /// <summary>Counts a socket as the process's own when its inode is one of <paramref name="ownedInodes"/>.</summary>
    public void AddIfOwned(int state, ulong inode, HashSet<ulong> ownedInodes)
    {
        // Sockets without a descriptor (TIME_WAIT, orphans) have inode 0 and are nobody's.
        state = Normalize(state);
        if (inode != 0 && state != 0 && ownedInodes.Contains(inode))
        {
            _owned[state]++;
        }
    }

    /// <summary>Server side: local port = port under test.</summary>
    public TcpStateCounts ServerSide() => TcpStateCounts.FromKernelOrder(_server);

    /// <summary>Client side: remote port = port under test.</summary>
    public TcpStateCounts ClientSide() => TcpStateCounts.FromKernelOrder(_client);

    /// <summary>Owned by the process.</summary>
    public TcpStateCounts Owned() => TcpStateCounts.FromKernelOrder(_owned);

    private static int Normalize(int state) => state switch
    {
        NewSynRecv => 3,
        >= 1 and <= TcpStates.Count => state,
        _ => 0,
    };
}
