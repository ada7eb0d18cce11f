using System.Globalization;
using LoadRepro.Core.Platform;

namespace LoadRepro.Cli.Doctor;

/// <summary>
/// Reads the descriptor limits and the TCP sysctls that decide EMFILE and port exhaustion, and says what each really
/// does (shared/DESIGN.md §1). The sysctls are read under a given root so another tree (a namespace's, a copy) can be read.
/// </summary>
public static class SystemLimits
{
    /// <summary>The usual root of the sysctl tree.</summary>
    public const string DefaultRoot = "/proc/sys";

    /// <summary>Every reading, descriptors first, then ports.</summary>
    public static IReadOnlyList<LimitReading> Read(string procSysRoot)
    {
        var (soft, hard) = Linux.GetFileLimit();
        string? Sysctl(string name) => ReadSysctl(procSysRoot, name);
        var list = new List<LimitReading>
        {
            new()
            {
                Name = "RLIMIT_NOFILE soft (ulimit -n)", Value = Limit(soft), MattersFor = "EMFILE",
                Meaning = "The descriptors one process may hold; one more open(), socket() or accept() fails with EMFILE (Too many open files). " +
                    "Each socket in CLOSE_WAIT or ESTABLISHED holds one; TIME_WAIT holds none. A process may raise it up to the hard limit.",
            },
            new()
            {
                Name = "RLIMIT_NOFILE hard (ulimit -Hn)", Value = Limit(hard), MattersFor = "EMFILE",
                Meaning = "The ceiling a process may raise its soft limit to without privilege (systemd LimitNOFILE=, limits.conf nofile).",
            },
            Setting(Sysctl("fs/file-max"), "fs.file-max", "EMFILE",
                _ => "Open files on the whole machine (all processes); reaching it fails with ENFILE (File table overflow), not EMFILE."),
            Setting(Sysctl("fs/nr_open"), "fs.nr_open", "EMFILE",
                _ => "The largest value RLIMIT_NOFILE may be set to (soft and hard, even for root)."),
            Setting(Sysctl("net/ipv4/ip_local_port_range"), "net.ipv4.ip_local_port_range", "ports", PortRangeMeaning),
            new()
            {
                Name = "ports per tuple", MattersFor = "ports",
                Value = Sysctl("net/ipv4/ip_local_port_range") is { } r && PortsPerTuple(r) is { } n ? n.ToString(CultureInfo.InvariantCulture) : "unknown",
                Meaning = "Connections one client address can hold open or in TIME_WAIT to one server address and port at a time.",
            },
            Setting(Sysctl("net/ipv4/tcp_tw_reuse"), "net.ipv4.tcp_tw_reuse", "ports", TwReuseMeaning),
        };
        if (Sysctl("net/ipv4/tcp_tw_reuse_delay") is { } delay)
        {
            list.Add(Setting(delay, "net.ipv4.tcp_tw_reuse_delay", "ports",
                v => $"A TIME_WAIT port may be reused (where tcp_tw_reuse allows it) only {v} ms after the last TCP timestamp received on that connection."));
        }

        list.Add(Setting(Sysctl("net/ipv4/tcp_timestamps"), "net.ipv4.tcp_timestamps", "ports",
            v => v == "0" ? "TCP timestamps off: tcp_tw_reuse can never reuse a TIME_WAIT port." : "TCP timestamps on: required for tcp_tw_reuse to reuse a TIME_WAIT port."));
        list.Add(Setting(Sysctl("net/ipv4/tcp_fin_timeout"), "net.ipv4.tcp_fin_timeout", "neither",
            v => $"How long an orphaned socket (closed by its process) waits in FIN_WAIT_2 for the peer's FIN: {v} s. " +
                "It does NOT shorten TIME_WAIT, which is fixed at 60 s (TCP_TIMEWAIT_LEN); lowering it frees neither descriptors nor ports."));
        list.Add(Setting(Sysctl("net/ipv4/tcp_max_tw_buckets"), "net.ipv4.tcp_max_tw_buckets", "ports",
            v => $"At most {v} TIME_WAIT sockets in this network namespace; beyond it closing sockets skip TIME_WAIT " +
                "(the kernel logs 'TCP: time wait bucket table overflow'). TIME_WAIT holds no descriptor: it never causes EMFILE."));
        list.Add(Sysctl("net/ipv4/tcp_tw_recycle") is { } recycle
            ? Setting(recycle, "net.ipv4.tcp_tw_recycle", "ports",
                _ => "Fast TIME_WAIT recycling by timestamps: it drops connections from clients behind NAT; leave it 0.")
            : new LimitReading
            {
                Name = "net.ipv4.tcp_tw_recycle", Value = "absent", MattersFor = "neither",
                Meaning = "Removed in Linux 4.12 (it broke clients behind NAT): advice to set it cannot be applied on this kernel.",
            });
        return list;
    }

    /// <summary>Reads one sysctl (path relative to the root, e.g. <c>net/ipv4/tcp_tw_reuse</c>), whitespace collapsed; null when absent.</summary>
    public static string? ReadSysctl(string procSysRoot, string relativePath)
    {
        try
        {
            var text = File.ReadAllText(Path.Combine(procSysRoot, relativePath));
            return string.Join(' ', text.Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>Ports per (source address, destination address, destination port) tuple for a range such as "40000 40999"; null when not a range.</summary>
    public static int? PortsPerTuple(string range)
    {
        var parts = range.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var low) && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var high) && high >= low
            ? high - low + 1
            : null;
    }

    private static LimitReading Setting(string? value, string name, string mattersFor, Func<string, string> meaning) =>
        new()
        {
            Name = name,
            Value = value ?? "absent",
            MattersFor = mattersFor,
            Meaning = value is null ? "Not present under this sysctl root." : meaning(value),
        };

    private static string PortRangeMeaning(string range) =>
        PortsPerTuple(range) is { } n
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

    private static string Limit(long value) => value == long.MaxValue || value < 0 ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);
}
