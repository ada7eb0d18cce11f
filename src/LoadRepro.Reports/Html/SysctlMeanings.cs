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
        "fs.file-max" => "descriptors the whole system may open",
        "fs.nr_open" => "the highest descriptor limit a process may set",
        _ => "",
    };
}
