using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;
using LoadRepro.Core.Sysctls;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Samples;
using LoadRepro.Pipeline.Servers;

namespace LoadRepro.Pipeline;

/// <summary>
/// A run from this host: the server where <paramref name="server"/> puts it, the load in this process, samples from this host
/// or, for a server on another host, from <paramref name="samples"/> (an agent there); the site disposes them.
/// </summary>
/// <param name="server">The embedded test server, or the user's.</param>
/// <param name="samples">Where samples come from; null: this host (<see cref="LocalSamples"/>).</param>
public sealed class HostSite(IServerPlacement server, ISamplePlacement? samples = null) : IRunSite
{
    /// <inheritdoc />
    public IServerPlacement Server { get; } = server;

    /// <inheritdoc />
    public ILoadPlacement Load { get; } = new InProcessLoad();

    /// <inheritdoc />
    public ISamplePlacement Samples { get; } = samples ?? new LocalSamples();

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
    public void Dispose() => (Samples as IDisposable)?.Dispose();
}
