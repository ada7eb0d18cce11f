using LoadRepro.Core.Records;
using LoadRepro.Sampler.Sampling;

namespace LoadRepro.Pipeline.Agents;

/// <summary>
/// The server side of a run read from an agent on the server's host, for the run's one sampling loop: at each tick, the
/// newest sample the agent took since the last tick (none when nothing new came), placed on the run's clock: its time on the
/// agent's clock, less the measured offset, is this host's time when it was taken, and it is that much older than the tick.
/// </summary>
public sealed class AgentSampleSource : ISampleSource
{
    private readonly AgentFeed _feed;
    private long _lastSeq;
    private double _lastSeconds = double.NegativeInfinity;

    /// <summary>Reads <paramref name="feed"/>.</summary>
    public AgentSampleSource(AgentFeed feed) => _feed = feed;

    /// <inheritdoc />
    public SocketSourceKind Source => SocketSourceKind.Netlink;

    /// <summary>When the last sample taken was taken, in seconds on the run's clock; null before the first.</summary>
    public double? LastSeconds => double.IsNegativeInfinity(_lastSeconds) ? null : _lastSeconds;

    /// <summary>The newest sample, new or not (a sample must be given): the last one again once the agent stopped answering.</summary>
    public Sample Take(double seconds, SamplePhase phase) =>
        TryTake(seconds, phase, out var sample) ? sample : Place(_feed.Newest!, seconds, phase);

    /// <inheritdoc />
    public bool TryTake(double seconds, SamplePhase phase, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Sample? sample)
    {
        var newest = _feed.Newest;
        if (newest is null || newest.Seq <= _lastSeq)
        {
            sample = null;
            return false;
        }

        _lastSeq = newest.Seq;
        sample = Place(newest, seconds, phase);
        _lastSeconds = sample.Seconds;
        return true;
    }

    /// <inheritdoc />
    public void Dispose()
    {
    }

    private Sample Place(Agent.AgentSample taken, double seconds, SamplePhase phase)
    {
        var ageSeconds = Math.Max(0, (AgentClient.NowUnixMs() - _feed.Clock.ToLocal(taken.UnixMs)) / 1000);

        // Never before the previous sample: the loop's series is in time order, and the offset's bound is wider than a step back.
        var placed = Math.Max(seconds - ageSeconds, _lastSeconds + 0.001);
        return taken.Sample with { Seconds = Math.Round(placed, 3), Phase = phase };
    }
}
