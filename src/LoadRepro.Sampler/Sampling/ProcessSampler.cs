using System.Diagnostics;
using LoadRepro.Core.Records;
using LoadRepro.Sampler.Proc;

namespace LoadRepro.Sampler.Sampling;

/// <summary>Takes one <see cref="Sample"/> of a process and its port at a time; keeps the last CPU reading to compute CPU percent.</summary>
public sealed class ProcessSampler
{
    private readonly int _pid;
    private readonly int _port;
    private long? _lastTicks;
    private long _lastTimestamp;

    /// <summary>Samples process <paramref name="pid"/>; TCP states are counted for <paramref name="port"/>.</summary>
    public ProcessSampler(int pid, int port)
    {
        _pid = pid;
        _port = port;
    }

    /// <summary>The sampled process.</summary>
    public int Pid => _pid;

    /// <summary>Reads the process now; a sample with <see cref="Sample.Alive"/> false when it is gone.</summary>
    public Sample Take(double seconds, SamplePhase phase)
    {
        if (!FdTable.TryCount(_pid, out var fds))
        {
            return new Sample { Seconds = seconds, Phase = phase, Alive = false };
        }

        Span<int> server = stackalloc int[TcpStates.Count + 1];
        Span<int> client = stackalloc int[TcpStates.Count + 1];
        _ = ProcNetTcp.Count(_pid, _port, server, client);
        var ticks = ProcStatus.CpuTicks(_pid);
        var now = Stopwatch.GetTimestamp();
        double cpu = 0;
        if (ticks is { } t && _lastTicks is { } lt)
        {
            var wall = Stopwatch.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
            cpu = wall > 0 ? Math.Round((t - lt) / ProcStatus.TicksPerSecond / wall * 100, 1) : 0;
        }

        _lastTicks = ticks;
        _lastTimestamp = now;
        return new Sample
        {
            Seconds = Math.Round(seconds, 3),
            Phase = phase,
            Fds = fds.Total,
            SocketFds = fds.Sockets,
            OtherFds = fds.Others,
            FdLimit = ProcStatus.SoftFileLimit(_pid) ?? 0,
            CpuPercent = cpu,
            Tcp = TcpStateCounts.FromKernelOrder(server),
            ClientTcp = TcpStateCounts.FromKernelOrder(client),
        };
    }
}
