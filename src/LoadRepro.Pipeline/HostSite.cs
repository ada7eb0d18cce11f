using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Core.Sysctls;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Samples;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Pipeline;

/// <summary>A run on this host: the server where <paramref name="server"/> puts it, the load in this process, samples from this host.</summary>
/// <param name="server">The embedded test server, or the user's.</param>
public sealed class HostSite(IServerPlacement server) : IRunSite
{
    /// <inheritdoc />
    public IServerPlacement Server { get; } = server;

    /// <inheritdoc />
    public ILoadPlacement Load { get; } = new InProcessLoad();

    /// <inheritdoc />
    public ISamplePlacement Samples { get; } = new LocalSamples();

    /// <inheritdoc />
    public int PortsPerTuple => LocalPortRange.InThisNamespace(new SysctlReader());

    /// <summary>Null: the host's sysctls are the user's, recorded in <c>host</c>, not set by the run.</summary>
    public ClientPortPath? ClientPorts => null;

    /// <summary>Null: no lab.</summary>
    public LabInfo? Lab => null;

    /// <inheritdoc />
    public void Prepare(Action<string> say)
    {
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }
}
