using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Sysctls;

namespace LoadRepro.Pipeline.Lab;

/// <summary>Writes a profile's sysctls into a namespace and reads back the values in force there (net.* sysctls are per namespace).</summary>
public static class LabSysctls
{
    /// <summary>
    /// The sysctls every lab run records, set by the profile or not: the ones that decide TIME_WAIT and ports, and the rest of
    /// the well-known advice, so that runs under two profiles can be compared setting by setting.
    /// </summary>
    public static IReadOnlyList<string> Explained { get; } =
    [
        "net.ipv4.ip_local_port_range", "net.ipv4.tcp_tw_reuse", "net.ipv4.tcp_tw_reuse_delay", "net.ipv4.tcp_timestamps",
        "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_max_tw_buckets", "net.ipv4.tcp_tw_recycle",
        "net.ipv4.tcp_max_syn_backlog", "net.ipv4.tcp_syncookies", "net.core.somaxconn", "net.ipv4.tcp_syn_retries",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    /// <summary>Writes each sysctl of <paramref name="profile"/> that exists into <paramref name="netns"/>.</summary>
    /// <exception cref="UserFacingException">The kernel refused a value (exit 3).</exception>
    public static void Apply(string netns, SysctlProfile profile)
    {
        var present = Read(netns, profile.Sysctls.Select(s => s.Key));
        foreach (var (name, value) in profile.Sysctls)
        {
            if (present[name] == SysctlInForce.Absent)
            {
                continue;
            }

            try
            {
                // Arguments are passed positionally: the value is never parsed by the shell.
                IpRoute.Run("netns", "exec", netns, "sh", "-c", "printf '%s\\n' \"$2\" > \"/proc/sys/$1\"", "sh", SysctlProfile.PathOf(name), value);
            }
            catch (UserFacingException e)
            {
                throw new UserFacingException($"profile {profile.Name}: the kernel refused {name} = {value} in namespace {netns} ({e.Message})", ExitCodes.Environment, e);
            }
        }
    }

    /// <summary>The values in force in <paramref name="netns"/>, by dotted name; <see cref="SysctlInForce.Absent"/> for settings this kernel lacks.</summary>
    public static IReadOnlyDictionary<string, string> Read(string netns, IEnumerable<string> names)
    {
        var list = names.Distinct(StringComparer.Ordinal).ToList();
        var values = list.ToDictionary(n => n, _ => SysctlInForce.Absent, StringComparer.Ordinal);
        if (list.Count == 0)
        {
            return values;
        }

        const string script = "for p; do if [ -e \"/proc/sys/$p\" ]; then printf '%s=%s\\n' \"$p\" \"$(tr -s '\\t ' '  ' < \"/proc/sys/$p\")\"; fi; done";
        var output = IpRoute.Run(["netns", "exec", netns, "sh", "-c", script, "sh", .. list.Select(SysctlProfile.PathOf)]);
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                values[line[..eq].Replace('/', '.')] = SysctlReader.Normalize(line[(eq + 1)..]);
            }
        }

        return values;
    }

    /// <summary>The record of each sysctl: requested, in force on each side, and a note when a requested value is not in force.</summary>
    public static IReadOnlyList<SysctlInForce> InForce(SysctlProfile profile, string serverNetns, string clientNetns)
    {
        var names = profile.Sysctls.Select(s => s.Key).Concat(Explained).Distinct(StringComparer.Ordinal).ToList();
        var server = Read(serverNetns, names);
        var client = serverNetns == clientNetns ? server : Read(clientNetns, names);
        var requested = profile.Sysctls.ToDictionary(s => s.Key, s => s.Value, StringComparer.Ordinal);
        return names.Select(n =>
        {
            var want = requested.GetValueOrDefault(n);
            string? note = null;
            if (want is not null && server[n] == SysctlInForce.Absent)
            {
                note = SysctlCatalogue.Of(n).Removal is { } why
                    ? $"not applied, this kernel has no such setting: {why.ToLowerInvariant()[0]}{why[1..]}"
                    : "not applied: this kernel has no such setting";
            }
            else if (want is not null && (SysctlReader.Normalize(server[n]) != SysctlReader.Normalize(want) || SysctlReader.Normalize(client[n]) != SysctlReader.Normalize(want)))
            {
                note = "the kernel holds a different value than the one written";
            }

            return new SysctlInForce { Name = n, Requested = want, Server = server[n], Client = client[n], Note = note };
        }).ToList();
    }
}
