using LoadRepro.Core.Records;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Sampler.Sampling;

/// <summary>
/// Samples several processes as one target: a pre-fork server's master and workers, or a wrapper and the server it started.
/// Descriptors, CPU, memory and threads are summed; TCP states by port are the namespace's, as one process sees them;
/// owned sockets are each process's own, summed (a socket two of them hold, such as an inherited listener, counts for each).
/// The limit is where the fullest process runs out: <see cref="Sample.FdLimit"/> is the sum plus that process's headroom,
/// so "at the limit" means one of them is at its own. <see cref="Latest"/> keeps the per-process breakdown.
/// </summary>
public sealed class ProcessGroupSampler : ISampleSource
{
    private readonly List<ProcessSampler> _members;

    /// <summary>Samples <paramref name="pids"/> (at least one), TCP states split by <paramref name="port"/>.</summary>
    /// <exception cref="ArgumentException">No PID was given.</exception>
    public ProcessGroupSampler(IReadOnlyList<int> pids, int port, SocketSourceChoice source = SocketSourceChoice.Auto)
    {
        if (pids.Count == 0)
        {
            throw new ArgumentException("a process group needs at least one PID", nameof(pids));
        }

        _members = pids.Select(p => new ProcessSampler(p, port, source)).ToList();
    }

    /// <inheritdoc />
    public SocketSourceKind Source => _members[0].Source;

    /// <summary>Each process's own reading at the last sample (a process that is gone is left out).</summary>
    public IReadOnlyList<ProcessShare> Latest { get; private set; } = [];

    /// <inheritdoc />
    public Sample Take(double seconds, SamplePhase phase)
    {
        var taken = _members.Select(m => (m.Pid, Sample: m.Take(seconds, phase))).Where(t => t.Sample.Alive).ToList();
        Latest = taken.Select(t => new ProcessShare(t.Pid, t.Sample)).ToList();
        if (taken.Count == 0)
        {
            return new Sample { Seconds = Math.Round(seconds, 3), Phase = phase, Alive = false };
        }

        var all = taken.Select(t => t.Sample).ToList();
        var first = all[0];
        var fds = all.Sum(s => s.Fds);
        return first with
        {
            Fds = fds,
            SocketFds = all.Sum(s => s.SocketFds),
            OtherFds = all.Sum(s => s.OtherFds),
            FileFds = all.Sum(s => s.FileFds),
            PipeFds = all.Sum(s => s.PipeFds),
            AnonInodeFds = all.Sum(s => s.AnonInodeFds),
            OtherKindFds = all.Sum(s => s.OtherKindFds),
            FdLimit = fds + all.Min(s => s.FdLimit - s.Fds),
            FdHardLimit = fds + all.Min(s => s.FdHardLimit - s.Fds),
            CpuPercent = Math.Round(all.Sum(s => s.CpuPercent), 1),
            RssBytes = all.Sum(s => s.RssBytes),
            Threads = all.Sum(s => s.Threads),
            OwnedTcp = all.Skip(1).Aggregate(first.OwnedTcp, (sum, s) => sum.Plus(s.OwnedTcp)),
            TcpCarried = all.Any(s => s.TcpCarried),
        };
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var m in _members)
        {
            m.Dispose();
        }
    }
}
