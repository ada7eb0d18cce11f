using System.Diagnostics;

namespace LoadRepro.Sampler.Sampling;

/// <summary>
/// Keeps the sampler's walks of the kernel's TCP table under a share of one core. A netlink dump visits every socket of
/// the host (a full walk of the established hash, TIME_WAIT included, whatever the request filters: docs/KERNEL-FACTS.md),
/// so with 100,000 TIME_WAIT on the host one costs ~15 ms of CPU, 15% of a core at 10 Hz. After a walk that cost
/// <c>c</c> of CPU the next is due <c>c / share</c> later; the samples in between carry its counts
/// (<see cref="Core.Records.Sample.TcpCarried"/>). A walk of a few hundred microseconds is due again at once.
/// </summary>
public sealed class WalkBudget
{
    /// <summary>The share of one core the walks may take: 3% (<see cref="Core.Records.SampleInfo.TcpWalkShare"/>).</summary>
    public const double DefaultShare = Core.Records.SampleInfo.TcpWalkShare;
    private readonly double _share;
    private long _nextDue;

    /// <summary>A budget of <paramref name="share"/> of one core (0 &lt; share ≤ 1).</summary>
    public WalkBudget(double share = DefaultShare)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(share);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(share, 1);
        _share = share;
    }

    /// <summary>Whether a walk is due at <paramref name="now"/> (<see cref="Stopwatch"/> timestamp).</summary>
    public bool IsDue(long now) => now >= _nextDue;

    /// <summary>Notes a walk made at <paramref name="now"/> that cost <paramref name="cpuNanoseconds"/> of the thread's CPU.</summary>
    public void Spent(long now, long cpuNanoseconds) =>
        _nextDue = now + (long)(Math.Max(0, cpuNanoseconds) / _share / 1e9 * Stopwatch.Frequency);
}
