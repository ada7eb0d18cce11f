namespace LoadRepro.Core.Records;

/// <summary>One reading of the target process and its port, taken by the sampler.</summary>
public sealed record Sample
{
    /// <summary>Seconds since the run started.</summary>
    public required double Seconds { get; init; }

    /// <summary>What the run was doing.</summary>
    public SamplePhase Phase { get; init; }

    /// <summary>Whether the target process was alive; when false the descriptor figures are zero.</summary>
    public bool Alive { get; init; } = true;

    /// <summary>Open descriptors of the process.</summary>
    public int Fds { get; init; }

    /// <summary>Open descriptors that are sockets.</summary>
    public int SocketFds { get; init; }

    /// <summary>Open descriptors that are not sockets (files, pipes, anon inodes).</summary>
    public int OtherFds { get; init; }

    /// <summary>The process's soft RLIMIT_NOFILE.</summary>
    public int FdLimit { get; init; }

    /// <summary>CPU used since the previous sample, in percent of one core.</summary>
    public double CpuPercent { get; init; }

    /// <summary>TCP sockets whose local port is the port under test (the server side).</summary>
    public TcpStateCounts Tcp { get; init; } = TcpStateCounts.Empty;

    /// <summary>TCP sockets whose remote port is the port under test (the client side).</summary>
    public TcpStateCounts ClientTcp { get; init; } = TcpStateCounts.Empty;

    /// <summary>Open descriptors that are regular files (deleted ones and memfds included).</summary>
    public int FileFds { get; init; }

    /// <summary>Open descriptors that are pipes or FIFOs.</summary>
    public int PipeFds { get; init; }

    /// <summary>Open descriptors on anonymous inodes: epoll, eventfd, timerfd, signalfd, inotify and the like.</summary>
    public int AnonInodeFds { get; init; }

    /// <summary>Open descriptors of any other kind: character devices (/dev/null, terminals), directories, namespace files.</summary>
    public int OtherKindFds { get; init; }

    /// <summary>The process's hard RLIMIT_NOFILE (the ceiling the soft limit may be raised to without privilege).</summary>
    public int FdHardLimit { get; init; }

    /// <summary>Resident set size, in bytes.</summary>
    public long RssBytes { get; init; }

    /// <summary>Threads of the process.</summary>
    public int Threads { get; init; }

    /// <summary>
    /// True when <see cref="Tcp"/>, <see cref="ClientTcp"/> and <see cref="OwnedTcp"/> are an earlier sample's, carried
    /// forward: walking the kernel's TCP table again would have cost the sampler more than its share of a core (a walk
    /// visits every socket of the host, so it grows with them).
    /// </summary>
    public bool TcpCarried { get; init; }

    /// <summary>TCP sockets of the process's network namespace whose inode is in its descriptor table, any port (the process's own).</summary>
    public TcpStateCounts OwnedTcp { get; init; } = TcpStateCounts.Empty;

    /// <summary>The TCP line of /proc/PID/net/sockstat: totals of the whole namespace (and partly of the host; see <see cref="SockstatCounts"/>).</summary>
    public SockstatCounts Sockstat { get; init; } = SockstatCounts.Empty;
}
