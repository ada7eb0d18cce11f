using System.Globalization;
using LoadRepro.Core.Records;
using LoadRepro.Sampler.Sampling;
using Prometheus;

namespace LoadRepro.Agent;

/// <summary>
/// The agent's Prometheus series (prometheus-net), set from each sample: per process, open descriptors by kind, the
/// limit, memory and threads; for the port under test, TCP sockets by state and side (what node_exporter cannot give:
/// states of one port, split into the server's and the clients' ends); the target's own sockets by state.
/// </summary>
public sealed class AgentMetrics
{
    private static readonly string[] Kinds = ["socket", "file", "pipe", "anon_inode", "other"];
    private readonly Gauge _up;
    private readonly Gauge _openFds;
    private readonly Gauge _maxFds;
    private readonly Gauge _rss;
    private readonly Gauge _threads;
    private readonly Gauge _tcp;
    private readonly Gauge _ownedTcp;
    private readonly Counter _samples;
    private readonly string _port;

    /// <summary>Registers the series for the sockets of <paramref name="port"/>.</summary>
    public AgentMetrics(int port)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var f = Prometheus.Metrics.WithCustomRegistry(Registry);
        _port = port.ToString(CultureInfo.InvariantCulture);
        _up = f.CreateGauge("loadrepro_target_up", "1 when the sampled process (or every process of the group) could be read at the last sample, else 0.");
        _openFds = f.CreateGauge("loadrepro_target_open_fds", "Open file descriptors of a sampled process, by kind.", "pid", "kind");
        _maxFds = f.CreateGauge("loadrepro_target_max_fds", "Soft limit on open file descriptors (RLIMIT_NOFILE) of a sampled process.", "pid");
        _rss = f.CreateGauge("loadrepro_target_resident_memory_bytes", "Resident set size of a sampled process.", "pid");
        _threads = f.CreateGauge("loadrepro_target_threads", "Threads of a sampled process.", "pid");
        _tcp = f.CreateGauge("loadrepro_tcp_sockets", "TCP sockets of the port under test by state; side=server: local port is the port, side=client: remote port is.", "port", "side", "state");
        _ownedTcp = f.CreateGauge("loadrepro_target_owned_tcp_sockets", "TCP sockets, any port, whose descriptors the sampled processes hold, by state.", "state");
        _samples = f.CreateCounter("loadrepro_agent_samples_total", "Samples the agent has taken.");
    }

    /// <summary>The registry a scrape exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>Sets every series from the group's sample and each process's own.</summary>
    public void Record(Sample group, IReadOnlyList<ProcessShare> processes)
    {
        _samples.Inc();
        _up.Set(group.Alive ? 1 : 0);
        foreach (var pid in _maxFds.GetAllLabelValues().Select(l => l[0]).Except(processes.Select(p => Pid(p.Pid))).ToList())
        {
            // A process that is gone leaves its series, rather than a last value that never changes again.
            _maxFds.RemoveLabelled(pid);
            _rss.RemoveLabelled(pid);
            _threads.RemoveLabelled(pid);
            foreach (var kind in Kinds)
            {
                _openFds.RemoveLabelled(pid, kind);
            }
        }

        foreach (var (pid, s) in processes.Select(p => (Pid(p.Pid), p.Sample)))
        {
            int[] byKind = [s.SocketFds, s.FileFds, s.PipeFds, s.AnonInodeFds, s.OtherKindFds];
            for (var k = 0; k < Kinds.Length; k++)
            {
                _openFds.WithLabels(pid, Kinds[k]).Set(byKind[k]);
            }

            _maxFds.WithLabels(pid).Set(s.FdLimit);
            _rss.WithLabels(pid).Set(s.RssBytes);
            _threads.WithLabels(pid).Set(s.Threads);
        }

        SetStates(group.Tcp, (state, n) => _tcp.WithLabels(_port, "server", state).Set(n));
        SetStates(group.ClientTcp, (state, n) => _tcp.WithLabels(_port, "client", state).Set(n));
        SetStates(group.OwnedTcp, (state, n) => _ownedTcp.WithLabels(state).Set(n));
    }

    private static void SetStates(TcpStateCounts counts, Action<string, int> set)
    {
        var byState = counts.ToKernelOrder();
        for (var i = 0; i < byState.Length; i++)
        {
            set(TcpStates.Names[i + 1], byState[i]);
        }
    }

    private static string Pid(int pid) => pid.ToString(CultureInfo.InvariantCulture);
}
