using System.Globalization;
using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Core.Sysctls;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Samples;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Pipeline.Lab;

/// <summary>
/// A run in the lab (docs/ARCHITECTURE.md, "Lab"): the embedded server inside the server namespace, the load as a child inside
/// the client namespace, samples read through a PID in each. Built by <see cref="Prepare"/>, removed on dispose (also on
/// failure and Ctrl-C); labs of killed runs are removed first.
/// </summary>
public sealed class LabSite : IRunSite
{
    private readonly LabNetworkKind _network;
    private readonly SysctlProfile _profile;
    private readonly int _port;
    private LabEnvironment? _lab;

    /// <summary>A lab joined by <paramref name="network"/> with <paramref name="profile"/>'s sysctls; the server on <paramref name="port"/> (0: any).</summary>
    public LabSite(LabNetworkKind network, SysctlProfile profile, int port)
    {
        (_network, _profile, _port) = (network, profile, port);
    }

    /// <inheritdoc />
    public IServerPlacement Server => new EmbeddedServer(_port, Built.ServerNamespace, Built.ServerAddress);

    /// <inheritdoc />
    public ILoadPlacement Load => new NamespaceLoad(Built.ClientNamespace);

    /// <inheritdoc />
    public ISamplePlacement Samples => _network == LabNetworkKind.Veth ? new SplitNamespaceSamples() : new LocalSamples();

    /// <inheritdoc />
    public int PortsPerTuple =>
        Built.Sysctls.FirstOrDefault(s => s.Name == "net.ipv4.ip_local_port_range") is { } r && LocalPortRange.PortsPerTuple(r.Client) is { } n ? n : LocalPortRange.KernelDefaultSize;

    /// <inheritdoc />
    public ClientPortPath ClientPorts => new()
    {
        PortsPerTuple = PortsPerTuple,
        TwReuse = ClientInt("net.ipv4.tcp_tw_reuse") ?? 2,
        Timestamps = ClientInt("net.ipv4.tcp_timestamps") != 0,
        ReuseDelayMs = ClientInt("net.ipv4.tcp_tw_reuse_delay") ?? 1000,
        Loopback = _network == LabNetworkKind.Loopback,
    };

    /// <inheritdoc />
    public LabInfo Lab => new()
    {
        Profile = _profile.Name,
        Network = _network,
        ServerNamespace = Built.ServerNamespace,
        ClientNamespace = Built.ClientNamespace,
        Sysctls = Built.Sysctls,
    };

    ClientPortPath? IRunSite.ClientPorts => ClientPorts;

    LabInfo? IRunSite.Lab => Lab;

    private LabEnvironment Built => _lab ?? throw new InvalidOperationException("the lab is used before it was prepared");

    /// <inheritdoc />
    public void Prepare(Action<string> say)
    {
        LabEnvironment.RequireRoot();
        foreach (var name in StaleLabs.Clean())
        {
            say($"removed {name}, left by a lab run that is gone");
        }

        _lab = LabEnvironment.Create(_network, _profile);
        say(_lab.Describe());
        foreach (var s in _lab.Sysctls.Where(s => s.Note is not null))
        {
            say($"  {s.Name} = {s.Requested}: {s.Note}");
        }
    }

    /// <inheritdoc />
    public void Dispose() => _lab?.Dispose();

    private int? ClientInt(string name) =>
        Built.Sysctls.FirstOrDefault(s => s.Name == name) is { } s && int.TryParse(s.Client, CultureInfo.InvariantCulture, out var v) ? v : null;
}
