using static LoadRepro.Core.Sysctls.WatchedFigures;

namespace LoadRepro.Core.Sysctls;

/// <summary>
/// Every sysctl the harness reads, sets or explains, with what it really does (the kernel's behaviour, not folklore), what
/// it bounds and the figures of a run it can move: the one source for <c>loadrepro doctor</c>, the reports and the comparison.
/// </summary>
public static class SysctlCatalogue
{
    /// <summary>The setting the keep-alive family waits for: a connection must lie idle that long before any of them acts.</summary>
    public const string KeepAliveTime = "net.ipv4.tcp_keepalive_time";

    private static readonly WatchedFigure[] PortFigures = [AddressNotAvailable, ConnectionsOpened, ClientTimeWait];

    // Each setting is judged on its own signature, not on latency: latency wanders between runs on a shared machine, and a
    // setting that never acted (no full queue, no lost SYN) cannot be credited with a latency change.
    private static readonly WatchedFigure[] HandshakeFigures = [SynRecv, RequestsFailed];

    private static readonly WatchedFigure[] KeepAliveFigures = [Established, RequestsFailed];

    /// <summary>Every entry: descriptors first, then ports and TIME_WAIT, then handshakes and keep-alive.</summary>
    public static IReadOnlyList<SysctlEntry> Entries { get; } =
    [
        new()
        {
            Name = "fs.file-max", Bounds = SysctlBound.Descriptors,
            Summary = "descriptors the whole system may open",
            Acts = "bounds the open files of the whole machine, all processes together; reaching it fails open(), socket() and accept() with ENFILE, not EMFILE",
            Figures = [RequestsFailed],
            Detail = _ => "Open files on the whole machine (all processes); reaching it fails with ENFILE (File table overflow), not EMFILE.",
        },
        new()
        {
            Name = "fs.nr_open", Bounds = SysctlBound.Descriptors,
            Summary = "the highest descriptor limit a process may set",
            Acts = "is the highest RLIMIT_NOFILE a process may set; it acts only when a limit is set, not while a run holds descriptors",
            Figures = [],
            Detail = _ => "The largest value RLIMIT_NOFILE may be set to (soft and hard, even for root).",
        },
        new()
        {
            Name = "net.ipv4.ip_local_port_range", Bounds = SysctlBound.Ports,
            Summary = "local ports for connect(): bounds connections per (source, destination, port) tuple, and so TIME_WAIT on the connecting side",
            Acts = "bounds the local ports connect() may pick for one (source, destination, port) tuple, so the side that connects runs out (EADDRNOTAVAIL) once TIME_WAIT holds them all",
            Figures = PortFigures,
            Detail = PortRangeMeaning,
        },
        new()
        {
            Name = "net.ipv4.tcp_tw_reuse", Bounds = SysctlBound.Ports,
            Summary = "lets connect() reuse a port in TIME_WAIT (0 off, 1 on, 2 loopback only); outgoing connections only",
            Acts = "lets connect() take a port still in TIME_WAIT toward the same destination (1 everywhere, 2 on loopback only, after tcp_tw_reuse_delay and with timestamps); it acts only on the side that connects and only while that side holds TIME_WAIT",
            Figures = PortFigures,
            Detail = TwReuseMeaning,
        },
        new()
        {
            Name = "net.ipv4.tcp_tw_reuse_delay", Bounds = SysctlBound.Ports,
            Summary = "how old a TIME_WAIT port must be before tcp_tw_reuse lets connect() take it, in ms",
            Acts = "is how old a TIME_WAIT port must be before tcp_tw_reuse lets connect() take it",
            Figures = PortFigures,
            Detail = v => $"A TIME_WAIT port may be reused (where tcp_tw_reuse allows it) only {v} ms after the last TCP timestamp received on that connection.",
        },
        new()
        {
            Name = "net.ipv4.tcp_timestamps", Bounds = SysctlBound.Ports,
            Summary = "TCP timestamps; tcp_tw_reuse needs them",
            Acts = "turns TCP timestamps on; tcp_tw_reuse needs them, and they add 12 bytes to each segment",
            Figures = [AddressNotAvailable, ClientTimeWait],
            Detail = v => v == "0" ? "TCP timestamps off: tcp_tw_reuse can never reuse a TIME_WAIT port." : "TCP timestamps on: required for tcp_tw_reuse to reuse a TIME_WAIT port.",
        },
        new()
        {
            Name = "net.ipv4.tcp_fin_timeout", Bounds = SysctlBound.Other, WaitsFor = ("net.ipv4.tcp_fin_timeout", 60),
            Summary = "seconds an orphaned FIN_WAIT2 lasts; it does not shorten TIME_WAIT (fixed at 60 s)",
            Acts = "bounds how long an orphaned FIN_WAIT2 socket waits for the peer's FIN; TIME_WAIT stays 60 s whatever it says (TCP_TIMEWAIT_LEN is fixed in the kernel)",
            Figures = [FinWait2, ServerTimeWait, ClientTimeWait],
            Detail = v => $"How long an orphaned socket (closed by its process) waits in FIN_WAIT_2 for the peer's FIN: {v} s. " +
                "It does NOT shorten TIME_WAIT, which is fixed at 60 s (TCP_TIMEWAIT_LEN); lowering it frees neither descriptors nor ports.",
        },
        new()
        {
            Name = "net.ipv4.tcp_max_tw_buckets", Bounds = SysctlBound.Ports,
            Summary = "cap on TIME_WAIT sockets system-wide; beyond it they are destroyed early",
            Acts = "caps TIME_WAIT sockets; past the cap the kernel destroys new ones at once",
            Figures = [ServerTimeWait, ClientTimeWait],
            Detail = v => $"At most {v} TIME_WAIT sockets in this network namespace; beyond it closing sockets skip TIME_WAIT " +
                "(the kernel logs 'TCP: time wait bucket table overflow'). TIME_WAIT holds no descriptor: it never causes EMFILE.",
        },
        new()
        {
            Name = "net.ipv4.tcp_tw_recycle", Bounds = SysctlBound.Ports,
            Summary = "removed in Linux 4.12 (it broke clients behind NAT)",
            Acts = "was removed in Linux 4.12 (it dropped connections from clients behind NAT)",
            Figures = [ServerTimeWait, ClientTimeWait],
            Detail = _ => "Fast TIME_WAIT recycling by timestamps: it drops connections from clients behind NAT; leave it 0.",
            Removal = "Removed in Linux 4.12 (it broke clients behind NAT): advice to set it cannot be applied on this kernel.",
        },
        new()
        {
            Name = "net.ipv4.tcp_max_syn_backlog", Bounds = SysctlBound.Other,
            Summary = "cap on a listener's half-open (SYN_RECV) queue; acts only when SYNs outpace handshakes",
            Acts = "caps a listener's queue of half-open connections (SYN_RECV); it acts only when SYNs arrive faster than handshakes complete",
            Figures = HandshakeFigures,
        },
        new()
        {
            Name = "net.ipv4.tcp_syncookies", Bounds = SysctlBound.Other,
            Summary = "SYN cookies once a SYN queue overflows; acts only under a SYN flood",
            Acts = "answers SYNs with cookies once a listener's SYN queue overflows; it acts only under a SYN flood or a full queue",
            Figures = HandshakeFigures,
        },
        new()
        {
            Name = "net.core.somaxconn", Bounds = SysctlBound.Other,
            Summary = "cap on a listening socket's accept backlog",
            Acts = "caps a listener's accept queue; it acts only when the server accepts more slowly than connections arrive",
            Figures = HandshakeFigures,
        },
        new()
        {
            Name = "net.ipv4.tcp_syn_retries", Bounds = SysctlBound.Other,
            Summary = "SYNs connect() sends before ETIMEDOUT; acts only when SYNs go unanswered",
            Acts = "is how often connect() sends a SYN again before it gives up with ETIMEDOUT; it acts only when SYNs go unanswered",
            Figures = [RequestsFailed],
        },
        new()
        {
            Name = "net.ipv4.tcp_synack_retries", Bounds = SysctlBound.Other,
            Summary = "SYN-ACKs a listener sends again before it drops a half-open connection; acts only when the handshake's last ACK is lost",
            Acts = "is how often a listener sends a SYN-ACK again; it acts only when the handshake's last ACK is lost",
            Figures = HandshakeFigures,
        },
        new()
        {
            Name = KeepAliveTime, Bounds = SysctlBound.Other, WaitsFor = (KeepAliveTime, 7200),
            Summary = "seconds a socket with SO_KEEPALIVE lies idle before it is probed",
            Acts = "is how long a connection with SO_KEEPALIVE must lie idle before the kernel probes it",
            Figures = KeepAliveFigures,
        },
        new()
        {
            Name = "net.ipv4.tcp_keepalive_intvl", Bounds = SysctlBound.Other, WaitsFor = (KeepAliveTime, 7200),
            Summary = "seconds between keep-alive probes",
            Acts = "is the time between keep-alive probes, which start only after tcp_keepalive_time of idleness on a socket with SO_KEEPALIVE",
            Figures = KeepAliveFigures,
        },
        new()
        {
            Name = "net.ipv4.tcp_keepalive_probes", Bounds = SysctlBound.Other, WaitsFor = (KeepAliveTime, 7200),
            Summary = "unanswered keep-alive probes that end a connection",
            Acts = "is how many unanswered keep-alive probes end a connection, which start only after tcp_keepalive_time of idleness on a socket with SO_KEEPALIVE",
            Figures = KeepAliveFigures,
        },
    ];

    private static readonly Dictionary<string, SysctlEntry> ByName = Entries.ToDictionary(e => e.Name, StringComparer.Ordinal);

    /// <summary>The entry of the sysctl named <paramref name="name"/> (dotted); null for one the catalogue does not know.</summary>
    public static SysctlEntry? Find(string name) => ByName.GetValueOrDefault(name);

    /// <summary>
    /// The entry of the sysctl named <paramref name="name"/> (dotted). For one the catalogue does not know (a profile may set
    /// any net.* setting) an entry that says so, with no summary, and that may move any watched figure.
    /// </summary>
    public static SysctlEntry Of(string name) => Find(name) ?? new SysctlEntry
    {
        Name = name,
        Summary = "",
        Acts = "is not one this report knows, so every watched figure is checked",
        Bounds = SysctlBound.Other,
        Figures = All,
    };

    private static string PortRangeMeaning(string range) =>
        LocalPortRange.PortsPerTuple(range) is { } n
            ? $"{n} local ports for outgoing connections to one (destination address, port): the connecting side gets EADDRNOTAVAIL " +
              $"(Cannot assign requested address) once all {n} are in use or in TIME_WAIT (60 s each), i.e. above about {n / 60} new connections/s sustained. No effect on descriptors."
            : "Not a port range.";

    private static string TwReuseMeaning(string value) => TwReuseValue(value) +
        " The values: 0 never reuses; 1 reuses on any path; 2 (the default) on loopback only. Reuse needs tcp_timestamps on and waits tcp_tw_reuse_delay; it never frees a descriptor.";

    private static string TwReuseValue(string value) => value switch
    {
        "0" => "0: a port in TIME_WAIT is never reused by connect(); the connecting side waits the full 60 s for it.",
        "1" => "1: connect() may reuse a port in TIME_WAIT on any path, when timestamps are on and tcp_tw_reuse_delay has passed. Outgoing connections only; no effect on a server's accepted sockets.",
        "2" => "2 (the default): as 1, but on loopback only; over a real interface (a veth, a NIC) TIME_WAIT ports are not reused. Outgoing connections only.",
        _ => $"{value}: not a documented value (0, 1 or 2).",
    };
}
