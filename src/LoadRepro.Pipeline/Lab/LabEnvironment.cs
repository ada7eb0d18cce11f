using System.Globalization;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Pipeline.Lab;

/// <summary>
/// One run's lab (docs/ARCHITECTURE.md, "Lab"): a server namespace and, over a veth pair on 198.18.0.0/15, a client namespace (or the
/// server namespace's loopback alone), each with the profile's sysctls. Removed on dispose, and from the process-exit handler
/// when a second Ctrl-C exits at once.
/// </summary>
public sealed class LabEnvironment : IDisposable
{
    private readonly LabNames _names;
    private readonly EventHandler _onExit;
    private int _removed;

    private LabEnvironment(LabNames names, LabNetworkKind network, SysctlProfile profile)
    {
        _names = names;
        Network = network;
        Profile = profile;
        _onExit = (_, _) => Remove();
        AppDomain.CurrentDomain.ProcessExit += _onExit;
    }

    /// <summary>How client and server are joined.</summary>
    public LabNetworkKind Network { get; }

    /// <summary>The sysctl profile applied to each namespace.</summary>
    public SysctlProfile Profile { get; }

    /// <summary>The server's namespace.</summary>
    public string ServerNamespace => _names.ServerNamespace;

    /// <summary>The client's namespace: the server's own for loopback.</summary>
    public string ClientNamespace => Network == LabNetworkKind.Loopback ? _names.ServerNamespace : _names.ClientNamespace;

    /// <summary>The address the server listens on and the client connects to.</summary>
    public System.Net.IPAddress ServerAddress => Network == LabNetworkKind.Loopback ? System.Net.IPAddress.Loopback : LabAddresses.Server;

    /// <summary>The sysctls in force once the profile was applied.</summary>
    public IReadOnlyList<SysctlInForce> Sysctls { get; private set; } = [];

    /// <summary>Fails with exit 3 unless this process runs as root: namespaces and veth pairs need CAP_NET_ADMIN and CAP_SYS_ADMIN.</summary>
    public static void RequireRoot()
    {
        var uid = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("Uid:", StringComparison.Ordinal))?
            .Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries).ElementAtOrDefault(2);
        if (uid != "0")
        {
            throw new UserFacingException("--lab needs root (it creates network namespaces and a veth pair): run it as root, e.g. with sudo", ExitCodes.Environment);
        }
    }

    /// <summary>Creates the namespaces, the veth pair and the sysctls; on any failure removes what it created.</summary>
    /// <exception cref="UserFacingException">A step failed (exit 3).</exception>
    public static LabEnvironment Create(LabNetworkKind network, SysctlProfile profile)
    {
        var lab = new LabEnvironment(new LabNames(Environment.ProcessId), network, profile);
        try
        {
            lab.Build();
            return lab;
        }
        catch
        {
            lab.Dispose();
            throw;
        }
    }

    /// <summary>One line saying what was built.</summary>
    public string Describe() => Network == LabNetworkKind.Loopback
        ? $"lab: namespace {ServerNamespace}, client and server on its loopback (127.0.0.1), profile {Profile.Name}"
        : $"lab: namespaces {ServerNamespace} ({LabAddresses.Server}) and {ClientNamespace} ({LabAddresses.Client}) joined by veth {_names.ServerLink}/{_names.ClientLink}, profile {Profile.Name}";

    /// <summary>Removes everything the lab created. Safe to call twice.</summary>
    public void Dispose()
    {
        AppDomain.CurrentDomain.ProcessExit -= _onExit;
        Remove();
    }

    /// <summary>Removes a lab's namespaces and veth ends: kills what still runs inside, then deletes (the veth goes with its namespace).</summary>
    public static void RemoveAll(LabNames names, IReadOnlyCollection<string> namespaces, IReadOnlyCollection<string> links)
    {
        foreach (var ns in new[] { names.ClientNamespace, names.ServerNamespace }.Where(namespaces.Contains))
        {
            foreach (var pid in IpRoute.Pids(ns))
            {
                _ = Core.Platform.Linux.Signal(pid, Core.Platform.Linux.SigKill);
            }

            // A namespace lives while a process is in it: wait (bounded) for the killed ones to be gone.
            for (var i = 0; i < 50 && IpRoute.Pids(ns).Count > 0; i++)
            {
                Thread.Sleep(20);
            }

            _ = IpRoute.TryRun("netns", "del", ns);
        }

        foreach (var link in new[] { names.ServerLink, names.ClientLink }.Where(links.Contains))
        {
            _ = IpRoute.TryRun("link", "del", link);
        }
    }

    private void Build()
    {
        IpRoute.Run("netns", "add", _names.ServerNamespace);
        IpRoute.Run("-n", _names.ServerNamespace, "link", "set", "lo", "up");
        if (Network == LabNetworkKind.Veth)
        {
            var prefix = "/" + LabAddresses.PrefixLength.ToString(CultureInfo.InvariantCulture);
            IpRoute.Run("netns", "add", _names.ClientNamespace);
            IpRoute.Run("-n", _names.ClientNamespace, "link", "set", "lo", "up");
            IpRoute.Run("link", "add", _names.ServerLink, "type", "veth", "peer", "name", _names.ClientLink);
            IpRoute.Run("link", "set", _names.ServerLink, "netns", _names.ServerNamespace);
            IpRoute.Run("link", "set", _names.ClientLink, "netns", _names.ClientNamespace);
            IpRoute.Run("-n", _names.ServerNamespace, "addr", "add", LabAddresses.Server + prefix, "dev", _names.ServerLink);
            IpRoute.Run("-n", _names.ClientNamespace, "addr", "add", LabAddresses.Client + prefix, "dev", _names.ClientLink);
            IpRoute.Run("-n", _names.ServerNamespace, "link", "set", _names.ServerLink, "up");
            IpRoute.Run("-n", _names.ClientNamespace, "link", "set", _names.ClientLink, "up");
        }

        LabSysctls.Apply(ServerNamespace, Profile);
        if (ClientNamespace != ServerNamespace)
        {
            LabSysctls.Apply(ClientNamespace, Profile);
        }

        Sysctls = LabSysctls.InForce(Profile, ServerNamespace, ClientNamespace);
    }

    private void Remove()
    {
        if (Interlocked.Exchange(ref _removed, 1) == 1)
        {
            return;
        }

        RemoveAll(_names, IpRoute.Namespaces(), IpRoute.Links());
    }
}
