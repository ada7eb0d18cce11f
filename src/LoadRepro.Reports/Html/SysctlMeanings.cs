namespace LoadRepro.Reports.Html;

/// <summary>What each reported sysctl really does (shared/DESIGN.md §1), in one line for the environment table.</summary>
public static class SysctlMeanings
{
    /// <summary>The meaning of a sysctl by its dotted name; empty for one not described.</summary>
    public static string Of(string name) => name switch
    {
        "net.ipv4.ip_local_port_range" => "local ports for connect(): bounds connections per (source, destination, port) tuple, and so TIME_WAIT on the connecting side",
        "net.ipv4.tcp_tw_reuse" => "lets connect() reuse a port in TIME_WAIT (0 off, 1 on, 2 loopback only); outgoing connections only",
        "net.ipv4.tcp_fin_timeout" => "seconds an orphaned FIN_WAIT2 lasts; it does not shorten TIME_WAIT (fixed at 60 s)",
        "net.ipv4.tcp_max_tw_buckets" => "cap on TIME_WAIT sockets system-wide; beyond it they are destroyed early",
        "net.ipv4.tcp_timestamps" => "TCP timestamps; tcp_tw_reuse needs them",
        "net.core.somaxconn" => "cap on a listening socket's accept backlog",
        "net.ipv4.tcp_tw_recycle" => "removed in Linux 4.12 (it broke clients behind NAT)",
        "net.ipv4.tcp_tw_reuse_delay" => "how old a TIME_WAIT port must be before tcp_tw_reuse lets connect() take it, in ms",
        "net.ipv4.tcp_max_syn_backlog" => "cap on a listener's half-open (SYN_RECV) queue; acts only when SYNs outpace handshakes",
        "net.ipv4.tcp_syncookies" => "SYN cookies once a SYN queue overflows; acts only under a SYN flood",
        "net.ipv4.tcp_syn_retries" => "SYNs connect() sends before ETIMEDOUT; acts only when SYNs go unanswered",
        "net.ipv4.tcp_keepalive_time" => "seconds a socket with SO_KEEPALIVE lies idle before it is probed",
        "net.ipv4.tcp_keepalive_intvl" => "seconds between keep-alive probes",
        "net.ipv4.tcp_keepalive_probes" => "unanswered keep-alive probes that end a connection",
        "fs.file-max" => "descriptors the whole system may open",
        "fs.nr_open" => "the highest descriptor limit a process may set",
        _ => "",
    };
}
