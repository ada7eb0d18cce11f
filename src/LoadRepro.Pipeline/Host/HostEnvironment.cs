using LoadRepro.Core.Records;
using LoadRepro.Core.Sysctls;

namespace LoadRepro.Pipeline.Host;

/// <summary>Reads the kernel release, the sysctls that matter and the harness's own limit, for the report.</summary>
public static class HostEnvironment
{
    /// <summary>
    /// The sysctls that decide where TIME_WAIT and EMFILE show up (docs/KERNEL-FACTS.md): the port range and
    /// TIME_WAIT reuse and cap for connect(), FIN_WAIT2's timeout, the accept backlog, the system-wide file cap.
    /// </summary>
    public static IReadOnlyList<string> Sysctls { get; } =
    [
        "net.ipv4.ip_local_port_range", "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_fin_timeout",
        "net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_timestamps", "net.core.somaxconn", "fs.file-max", "fs.nr_open",
    ];

    /// <summary>Reads what is readable; what is not is left out rather than guessed.</summary>
    public static HostInfo Capture()
    {
        var reader = new SysctlReader();
        var sysctls = new Dictionary<string, string>();
        foreach (var name in Sysctls)
        {
            if (reader.Read(name) is { } value)
            {
                sysctls[name] = value;
            }
        }

        return new HostInfo
        {
            Kernel = reader.Read("kernel.osrelease") ?? "unknown",
            Sysctls = sysctls,
            ClientFdLimit = OwnFdLimit(),
        };
    }

    private static string? OwnFdLimit()
    {
        var line = Read("/proc/self/limits")?.Split('\n').FirstOrDefault(l => l.StartsWith("Max open files", StringComparison.Ordinal));
        var parts = line?["Max open files".Length..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts is { Length: >= 2 } ? $"{parts[0]} / {parts[1]}" : null;
    }

    private static string? Read(string path)
    {
        try
        {
            return File.ReadAllText(path).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
