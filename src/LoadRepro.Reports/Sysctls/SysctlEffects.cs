using static LoadRepro.Reports.Sysctls.WatchedFigures;

namespace LoadRepro.Reports.Sysctls;

/// <summary>
/// What each TCP sysctl acts on (shared/DESIGN.md §1), read from the kernel's behaviour rather than from advice: the base
/// of a comparison that says which settings changed anything measurable.
/// </summary>
public static class SysctlEffects
{
    /// <summary>The setting that tcp_tw_reuse was mistaken for, gone since Linux 4.12.</summary>
    public const string TwRecycle = "net.ipv4.tcp_tw_recycle";

    private static readonly WatchedFigure[] Ports = [AddressNotAvailable, ConnectionsOpened, ClientTimeWait];
    // Each setting is judged on its own signature, not on latency: latency wanders between runs on a shared machine, and a
    // setting that never acted (no full queue, no lost SYN) cannot be credited with a latency change.
    private static readonly WatchedFigure[] Handshakes = [SynRecv, RequestsFailed];

    /// <summary>The effect of the sysctl named <paramref name="name"/> (dotted); an unknown one may move any watched figure.</summary>
    public static SysctlEffect Of(string name) => name switch
    {
        "net.ipv4.ip_local_port_range" => new("bounds the local ports connect() may pick for one (source, destination, port) tuple, so the side that connects runs out (EADDRNOTAVAIL) once TIME_WAIT holds them all", Ports),
        "net.ipv4.tcp_tw_reuse" => new("lets connect() take a port still in TIME_WAIT toward the same destination (1 everywhere, 2 on loopback only, after tcp_tw_reuse_delay and with timestamps); it acts only on the side that connects and only while that side holds TIME_WAIT", Ports),
        "net.ipv4.tcp_tw_reuse_delay" => new("is how old a TIME_WAIT port must be before tcp_tw_reuse lets connect() take it", Ports),
        "net.ipv4.tcp_timestamps" => new("turns TCP timestamps on; tcp_tw_reuse needs them, and they add 12 bytes to each segment", [AddressNotAvailable, ClientTimeWait]),
        "net.ipv4.tcp_fin_timeout" => new("bounds how long an orphaned FIN_WAIT2 socket waits for the peer's FIN; TIME_WAIT stays 60 s whatever it says (TCP_TIMEWAIT_LEN is fixed in the kernel)", [FinWait2, ServerTimeWait, ClientTimeWait]),
        "net.ipv4.tcp_max_tw_buckets" => new("caps TIME_WAIT sockets; past the cap the kernel destroys new ones at once", [ServerTimeWait, ClientTimeWait]),
        TwRecycle => new("was removed in Linux 4.12 (it dropped connections from clients behind NAT)", [ServerTimeWait, ClientTimeWait]),
        "net.ipv4.tcp_max_syn_backlog" => new("caps a listener's queue of half-open connections (SYN_RECV); it acts only when SYNs arrive faster than handshakes complete", Handshakes),
        "net.ipv4.tcp_syncookies" => new("answers SYNs with cookies once a listener's SYN queue overflows; it acts only under a SYN flood or a full queue", Handshakes),
        "net.core.somaxconn" => new("caps a listener's accept queue; it acts only when the server accepts more slowly than connections arrive", Handshakes),
        "net.ipv4.tcp_syn_retries" => new("is how often connect() sends a SYN again before it gives up with ETIMEDOUT; it acts only when SYNs go unanswered", [RequestsFailed]),
        "net.ipv4.tcp_synack_retries" => new("is how often a listener sends a SYN-ACK again; it acts only when the handshake's last ACK is lost", Handshakes),
        KeepAliveTime => new("is how long a connection with SO_KEEPALIVE must lie idle before the kernel probes it", [Established, RequestsFailed]),
        "net.ipv4.tcp_keepalive_intvl" => new("is the time between keep-alive probes, which start only after tcp_keepalive_time of idleness on a socket with SO_KEEPALIVE", [Established, RequestsFailed]),
        "net.ipv4.tcp_keepalive_probes" => new("is how many unanswered keep-alive probes end a connection, which start only after tcp_keepalive_time of idleness on a socket with SO_KEEPALIVE", [Established, RequestsFailed]),
        _ => new("is not one this report knows, so every watched figure is checked", All),
    };

    /// <summary>The setting the keep-alive family waits for: a connection must lie idle that long before any of them acts.</summary>
    public const string KeepAliveTime = "net.ipv4.tcp_keepalive_time";

    /// <summary>Whether the setting acts only after <see cref="KeepAliveTime"/> of idleness, which a shorter run never reaches.</summary>
    public static bool WaitsForIdleTime(string name) => name.StartsWith("net.ipv4.tcp_keepalive_", StringComparison.Ordinal);
}
