using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline.Samples;

/// <summary>
/// Client and server in two network namespaces (the lab over a veth pair): the client's sockets are read through the load
/// child's PID, which the server's /proc/PID/net does not show.
/// </summary>
public sealed class SplitNamespaceSamples : ISamplePlacement
{
    /// <inheritdoc />
    public ISampleSource ServerSide(ITargetProcess server) =>
        server.SampledPids is [var only] ? new ProcessSampler(only, server.Port) : new ProcessGroupSampler(server.SampledPids, server.Port);

    /// <summary>
    /// Opened only once the child runs inside the client namespace (ip netns exec enters it, then execs us): a sampler made
    /// earlier would bind its netlink socket to this namespace and see none of the client's sockets.
    /// </summary>
    public ISampleSource? ClientSide(ILoadExecution load, int port) =>
        load.ClientPid is { } pid ? new ProcessSampler(pid, port) : null;
}
