using System.Globalization;
using LoadRepro.Core.Platform;
using LoadRepro.Core.Records;
using LoadRepro.Core.Sysctls;

namespace LoadRepro.Cli.Doctor;

/// <summary>
/// Reads the descriptor limits and the TCP sysctls that decide EMFILE and port exhaustion, and says what each really does
/// (the meanings are <see cref="SysctlCatalogue"/>'s). The sysctls are read through a <see cref="SysctlReader"/>, so another
/// tree (a namespace's, a copy) can be read.
/// </summary>
public static class SystemLimits
{
    private const string PortRange = "net.ipv4.ip_local_port_range";

    /// <summary>Every reading, descriptors first, then ports.</summary>
    public static IReadOnlyList<LimitReading> Read(SysctlReader sysctls)
    {
        var (soft, hard) = Linux.GetFileLimit();
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
            Setting(sysctls, "fs.file-max"),
            Setting(sysctls, "fs.nr_open"),
            Setting(sysctls, PortRange),
            new()
            {
                Name = "ports per tuple", MattersFor = Bound(SysctlBound.Ports),
                Value = sysctls.Read(PortRange) is { } r && LocalPortRange.PortsPerTuple(r) is { } n ? n.ToString(CultureInfo.InvariantCulture) : "unknown",
                Meaning = "Connections one client address can hold open or in TIME_WAIT to one server address and port at a time.",
            },
            Setting(sysctls, "net.ipv4.tcp_tw_reuse"),
        };

        // A kernel without tcp_tw_reuse_delay waits a fixed second instead: a row saying "absent" would only puzzle.
        if (sysctls.Read("net.ipv4.tcp_tw_reuse_delay") is not null)
        {
            list.Add(Setting(sysctls, "net.ipv4.tcp_tw_reuse_delay"));
        }

        list.Add(Setting(sysctls, "net.ipv4.tcp_timestamps"));
        list.Add(Setting(sysctls, "net.ipv4.tcp_fin_timeout"));
        list.Add(Setting(sysctls, "net.ipv4.tcp_max_tw_buckets"));
        list.Add(Setting(sysctls, "net.ipv4.tcp_tw_recycle"));
        return list;
    }

    private static LimitReading Setting(SysctlReader sysctls, string name)
    {
        var entry = SysctlCatalogue.Of(name);
        return sysctls.Read(name) switch
        {
            { } value => new() { Name = name, Value = value, MattersFor = Bound(entry.Bounds), Meaning = entry.Explain(value) },

            // A removed setting bounds nothing any more: what matters is that advice to set it cannot be followed.
            null when entry.Removal is { } removal => new() { Name = name, Value = SysctlInForce.Absent, MattersFor = Bound(SysctlBound.Other), Meaning = removal },
            null => new() { Name = name, Value = SysctlInForce.Absent, MattersFor = Bound(entry.Bounds), Meaning = "Not present under this sysctl root." },
        };
    }

    private static string Bound(SysctlBound bound) => bound switch
    {
        SysctlBound.Descriptors => "EMFILE",
        SysctlBound.Ports => "ports",
        _ => "neither",
    };

    private static string Limit(long value) => value == long.MaxValue || value < 0 ? "unlimited" : value.ToString(CultureInfo.InvariantCulture);
}
