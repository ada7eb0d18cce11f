using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline.Samples;

/// <summary>Client and server in one network namespace: the server's sampler sees both sides of the port.</summary>
public sealed class LocalSamples : ISamplePlacement
{
    /// <inheritdoc />
    public ISampleSource ServerSide(ITargetProcess server) =>
        server.SampledPids is [var only] ? new ProcessSampler(only, server.Port) : new ProcessGroupSampler(server.SampledPids, server.Port);

    /// <inheritdoc />
    public ISampleSource? ClientSide(ILoadExecution load, int port) => null;
}
