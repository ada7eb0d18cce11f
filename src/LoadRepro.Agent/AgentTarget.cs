using LoadRepro.Core.Records;
using LoadRepro.Sampler.Proc;
using LoadRepro.Sampler.Sampling;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Agent;

/// <summary>
/// The process or processes the agent samples. Found by listening port as <c>run --target</c> finds them (every process
/// holding the listener, sampled as one group), or given by PID. A target found by port is looked up again when it is
/// gone, so a restarted server is picked up without restarting the agent.
/// </summary>
public sealed class AgentTarget : ISampleSource
{
    private readonly int? _pid;
    private readonly int _port;
    private ProcessGroupSampler? _group;

    /// <summary>Samples <paramref name="pid"/>, or the listeners of <paramref name="port"/> when no PID is given.</summary>
    public AgentTarget(int? pid, int port)
    {
        _pid = pid;
        _port = port;
    }

    /// <summary>The sampled processes, each with its own figures, at the last sample (empty when none was found).</summary>
    public IReadOnlyList<ProcessShare> Processes => _group?.Latest ?? [];

    /// <summary>The port whose sockets are counted (0: none).</summary>
    public int Port => _port;

    /// <inheritdoc />
    public SocketSourceKind Source => _group?.Source ?? SocketSourceKind.Netlink;

    /// <inheritdoc />
    public Sample Take(double seconds, SamplePhase phase)
    {
        _group ??= Find();
        if (_group is null)
        {
            return new Sample { Seconds = Math.Round(seconds, 3), Phase = phase, Alive = false };
        }

        var sample = _group.Take(seconds, phase);
        if (!sample.Alive && _pid is null)
        {
            _group.Dispose();
            _group = null;
        }

        return sample;
    }

    /// <inheritdoc />
    public void Dispose() => _group?.Dispose();

    private ProcessGroupSampler? Find()
    {
        IReadOnlyList<int> pids = _pid is { } pid ? [pid] : ListeningProcesses.Find(_port);
        return pids.Count == 0 ? null : new ProcessGroupSampler(pids, _port);
    }
}
