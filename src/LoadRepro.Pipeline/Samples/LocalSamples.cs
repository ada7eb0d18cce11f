using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline.Samples;

/// <summary>Client and server in one network namespace: the server's sampler sees both sides of the port.</summary>
public sealed class LocalSamples : ISamplePlacement
{
    /// <inheritdoc />
    public ISampleSource ServerSide(ITargetProcess server) => new ProcessSampler(server.Pid, server.Port);

    /// <inheritdoc />
    public ISampleSource? ClientSide(ILoadExecution load, int port) => null;
}
