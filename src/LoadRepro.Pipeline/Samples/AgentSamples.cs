using LoadRepro.Core.Records;
using LoadRepro.Pipeline.Agents;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline.Samples;

/// <summary>
/// The server on another host, sampled there by <c>loadrepro agent</c> (<c>run --agent</c>): its side comes from the agent's
/// stream, placed on the run's clock; the client's sockets are this host's, where the load runs, read here as in a local run.
/// </summary>
public sealed class AgentSamples : ISamplePlacement, IDisposable
{
    private readonly AgentFeed _feed;
    private AgentSampleSource? _server;

    /// <summary>Reads the server side from <paramref name="feed"/>, which this placement owns from now on.</summary>
    public AgentSamples(AgentFeed feed) => _feed = feed;

    /// <inheritdoc />
    public ISampleSource ServerSide(ITargetProcess server) => _server = new AgentSampleSource(_feed);

    /// <summary>This process's view of its own network namespace: the load's sockets, whose remote port is the server's.</summary>
    public ISampleSource? ClientSide(ILoadExecution load, int port) => new ProcessSampler(Environment.ProcessId, port);

    /// <inheritdoc />
    public AgentSampling? Agent => new()
    {
        Url = _feed.Url.ToString(),
        ClockOffsetMs = Math.Round(_feed.Clock.OffsetMs, 3),
        ClockOffsetBoundMs = Math.Round(_feed.Clock.BoundMs, 3),
        ClockMethod = _feed.ClockMethod,
        StoppedAtSeconds = _feed.StopReason is null ? null : _server?.LastSeconds,
        StopReason = _feed.StopReason,
    };

    /// <inheritdoc />
    public void Dispose() => _feed.Dispose();
}
