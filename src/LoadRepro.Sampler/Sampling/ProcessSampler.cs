using LoadRepro.Core.Records;
using LoadRepro.Sampler.Proc;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Sampler.Sampling;

/// <summary>
/// Takes one <see cref="Sample"/> of a process and its port at a time: descriptors by kind, limits, CPU, RSS, threads,
/// TCP states (server side, client side, owned) and sockstat. Keeps the last CPU reading to compute CPU percent since the
/// previous sample's time, and its buffers from sample to sample.
/// </summary>
public sealed class ProcessSampler : ISampleSource
{
    private readonly int _pid;
    private readonly int _port;
    private readonly FdTable _fdTable;
    private readonly ITcpSocketSource _sockets;
    private readonly HashSet<ulong> _socketInodes = [];
    private readonly TcpTally _tally = new();
    private readonly string _stat;
    private readonly string _limits;
    private readonly string _sockstat;
    private readonly long _pageSize = Environment.SystemPageSize;
    private readonly WalkBudget _walks;
    private long? _lastTicks;
    private double _lastSeconds;

    /// <summary>
    /// Samples process <paramref name="pid"/>; TCP states are split by <paramref name="port"/> (0: no port, owned sockets only);
    /// the walks of the TCP table take at most <paramref name="walkShare"/> of a core (<see cref="WalkBudget"/>).
    /// </summary>
    /// <exception cref="InvalidOperationException"><paramref name="source"/> is netlink and netlink cannot reach the process's namespace.</exception>
    public ProcessSampler(int pid, int port, SocketSourceChoice source = SocketSourceChoice.Auto, double walkShare = WalkBudget.DefaultShare)
    {
        _pid = pid;
        _walks = new WalkBudget(walkShare);
        _port = port;
        _fdTable = new FdTable(pid);
        _sockets = TcpSocketSources.Open(pid, source);
        _stat = $"/proc/{pid}/stat";
        _limits = $"/proc/{pid}/limits";
        _sockstat = $"/proc/{pid}/net/sockstat";
    }

    /// <summary>The sampled process.</summary>
    public int Pid => _pid;

    /// <inheritdoc />
    public SocketSourceKind Source => _sockets.Kind;

    /// <inheritdoc />
    public Sample Take(double seconds, SamplePhase phase)
    {
        if (!_fdTable.TryCount(out var fds, _socketInodes) || !ProcStatus.TryReadStat(_stat, out var stat))
        {
            return new Sample { Seconds = seconds, Phase = phase, Alive = false };
        }

        var now = System.Diagnostics.Stopwatch.GetTimestamp();
        var carried = !_walks.IsDue(now);
        if (!carried)
        {
            _tally.Clear();
            var walkStart = Core.Platform.Linux.ThreadCpuNanoseconds();
            _ = _sockets.TryCount(_port, _socketInodes, _tally);
            _walks.Spent(now, Core.Platform.Linux.ThreadCpuNanoseconds() - walkStart);
        }

        // Over the interval between the caller's sample times, not the sampler's own: then percent × interval, summed over a
        // run's samples, is exactly the CPU between their /proc reads however late each read came on a busy machine (the
        // server's CPU over the load, docs/ARCHITECTURE.md).
        double cpu = 0;
        if (_lastTicks is { } lt)
        {
            var wall = seconds - _lastSeconds;
            cpu = wall > 0 ? Math.Round((stat.CpuTicks - lt) / ProcStatus.TicksPerSecond / wall * 100, 1) : 0;
        }

        _lastTicks = stat.CpuTicks;
        _lastSeconds = seconds;
        _ = ProcStatus.TryReadFileLimits(_limits, out var soft, out var hard);
        return new Sample
        {
            Seconds = Math.Round(seconds, 3),
            Phase = phase,
            Fds = fds.Total,
            SocketFds = fds.Sockets,
            OtherFds = fds.Others,
            FdLimit = soft,
            CpuPercent = cpu,
            TcpCarried = carried,
            Tcp = _tally.ServerSide(),
            ClientTcp = _tally.ClientSide(),
            FileFds = fds.Files,
            PipeFds = fds.Pipes,
            AnonInodeFds = fds.AnonInodes,
            OtherKindFds = fds.OtherKinds,
            FdHardLimit = hard,
            RssBytes = stat.RssPages * _pageSize,
            Threads = stat.Threads,
            OwnedTcp = _tally.Owned(),
            Sockstat = ProcSockstat.Read(_sockstat),
        };
    }

    /// <inheritdoc />
    public void Dispose() => _sockets.Dispose();
}
