namespace LoadRepro.Core.Records;

/// <summary>
/// The TCP line of <c>/proc/PID/net/sockstat</c>. <see cref="InUse"/> (IPv4 only) and <see cref="TimeWait"/> (IPv4 and IPv6)
/// belong to the network namespace; <see cref="Orphan"/>, <see cref="Alloc"/> and <see cref="MemPages"/> are host-wide
/// counters the kernel prints in every namespace.
/// </summary>
public sealed record SockstatCounts
{
    /// <summary><c>inuse</c>: IPv4 TCP sockets in use (hashed: listening, connected, closing), excluding TIME_WAIT.</summary>
    public int InUse { get; init; }

    /// <summary><c>orphan</c>: sockets closed by their process but not yet finished by the kernel (no descriptor).</summary>
    public int Orphan { get; init; }

    /// <summary><c>tw</c>: TIME_WAIT minisockets, including orphaned FIN_WAIT2 ones (the kernel keeps both in the same kind of socket).</summary>
    public int TimeWait { get; init; }

    /// <summary><c>alloc</c>: TCP sockets allocated, any state.</summary>
    public int Alloc { get; init; }

    /// <summary><c>mem</c>: pages of memory charged to TCP buffers.</summary>
    public int MemPages { get; init; }

    /// <summary>Nothing read.</summary>
    public static SockstatCounts Empty { get; } = new();
}
