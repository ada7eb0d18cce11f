using System.Diagnostics;
using LoadRepro.Core.Records;

namespace LoadRepro.Sampler.Sampling;

/// <summary>
/// The one sampling loop of every run and of <c>watch</c>: reads a <see cref="ISampleSource"/> at a fixed interval into a list
/// until stopped; the phase is set by the run as it goes.
/// </summary>
public sealed class SamplingLoop
{
    private readonly ISampleSource _sampler;
    private readonly TimeSpan _interval;
    private readonly long _runStart;
    private readonly List<Sample> _samples = [];
    private readonly Lock _gate = new();
    private volatile Sample? _latest;

    /// <summary>Creates the loop; <paramref name="runStart"/> is the <see cref="Stopwatch"/> timestamp the samples' seconds count from.</summary>
    public SamplingLoop(ISampleSource sampler, TimeSpan interval, long runStart)
    {
        _sampler = sampler;
        _interval = interval;
        _runStart = runStart;
    }

    /// <summary>What the run is doing; stamped on each sample.</summary>
    public SamplePhase Phase { get; set; } = SamplePhase.Baseline;

    /// <summary>The newest sample, for live views.</summary>
    public Sample? Latest => _latest;

    /// <summary>Raised with each sample as it is taken, on the sampling thread.</summary>
    public event Action<Sample>? Sampled;

    /// <summary>A copy of every sample so far.</summary>
    public IReadOnlyList<Sample> Snapshot()
    {
        lock (_gate)
        {
            return _samples.ToArray();
        }
    }

    /// <summary>Takes one sample now; null when the source has nothing new (an agent's stream between its samples), and nothing is added.</summary>
    public Sample? TakeOne()
    {
        if (!_sampler.TryTake(Stopwatch.GetElapsedTime(_runStart).TotalSeconds, Phase, out var s))
        {
            return null;
        }

        lock (_gate)
        {
            _samples.Add(s);
        }

        _latest = s;
        Sampled?.Invoke(s);
        return s;
    }

    /// <summary>
    /// Samples until <paramref name="ct"/> is cancelled; with <paramref name="takeLast"/> one last sample is taken after the
    /// cancellation, so a run's series ends at its stop (a watch that stopped at its sample count wants none).
    /// </summary>
    /// <remarks>
    /// The loop has a thread of its own: a sample blocks in system calls (a netlink walk of the kernel's whole TCP table takes
    /// milliseconds when the host holds many TIME_WAIT sockets), and on a thread-pool thread it would hold one of the few the
    /// load engine's continuations run on (those not run inline on the sockets' epoll thread). Ticks keep a fixed period from
    /// the start; a tick missed while a sample ran late is taken at once, and only one.
    /// </remarks>
    public Task RunAsync(CancellationToken ct, bool takeLast = true) => Core.Platform.DedicatedThread.Run("sampling", () => Run(takeLast, ct));

    private void Run(bool takeLast, CancellationToken ct)
    {
        var period = Math.Max(1, (long)(_interval.TotalSeconds * Stopwatch.Frequency));
        var tick = Stopwatch.GetTimestamp();
        while (true)
        {
            tick += period;
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), tick);
            if ((wait > TimeSpan.Zero && ct.WaitHandle.WaitOne(wait)) || ct.IsCancellationRequested)
            {
                break;
            }

            TakeOne();
            var late = Stopwatch.GetTimestamp() - tick;
            if (late >= period)
            {
                // Ticks went by while this one ran: the last of them is taken at once, the others are not made up.
                tick += (late / period * period) - period;
            }
        }

        if (takeLast)
        {
            TakeOne();
        }
    }
}
