using LoadRepro.Core.Records;
using LoadRepro.Pipeline.Loads;
using LoadRepro.Pipeline.Servers;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline.Samples;

/// <summary>
/// Seam three of a run: where samples come from. The server's side is read through its PID (this host's /proc and netlink, or
/// a namespace's through a PID inside it); the client's sockets, where they live in another namespace, through the load's.
/// <see cref="AgentSamples"/> reads the server's side from an agent on its host.
/// </summary>
public interface ISamplePlacement
{
    /// <summary>Opens the source of the server's figures, before the load starts (the baseline).</summary>
    ISampleSource ServerSide(ITargetProcess server);

    /// <summary>
    /// Opens the source of the client side's TCP states once the load runs; null when the server side's samples already see
    /// the client's sockets (one network namespace).
    /// </summary>
    ISampleSource? ClientSide(ILoadExecution load, int port);

    /// <summary>The agent that took the server's samples and its clock offset, for the record; null when this host took them.</summary>
    AgentSampling? Agent => null;
}
