namespace LoadRepro.Core.Clock;

/// <summary>
/// The offset between two hosts' clocks from a few request/answer probes, as NTP's clock filter does: the other host read
/// its clock somewhere between the request leaving and the answer arriving, so the offset is its reading minus the midpoint
/// of the two, wrong by at most half the round trip; of several probes the one with the smallest round trip (least queueing)
/// is kept. The other clock's readings are truncated to its resolution (whole milliseconds: a reading of x means a time in
/// [x, x + 1)), so the middle of that step is taken, and half the step adds to the bound.
/// </summary>
public static class ClockOffsetEstimator
{
    /// <summary>The offset from <paramref name="probes"/> (at least one); <paramref name="remoteResolutionMs"/>: the step the other clock's readings are truncated to.</summary>
    /// <exception cref="ArgumentException">No probe was given, or one ends before it starts.</exception>
    public static ClockOffset Estimate(IReadOnlyList<ClockProbe> probes, double remoteResolutionMs)
    {
        if (probes.Count == 0)
        {
            throw new ArgumentException("a clock offset needs at least one probe", nameof(probes));
        }

        if (probes.Any(p => p.RoundTripMs < 0))
        {
            throw new ArgumentException("a probe's answer arrived before its request left", nameof(probes));
        }

        var best = probes.MinBy(p => p.RoundTripMs)!;
        var midpoint = (best.SentUnixMs + best.ReceivedUnixMs) / 2;
        var half = remoteResolutionMs / 2;
        return new ClockOffset(best.RemoteUnixMs + half - midpoint, (best.RoundTripMs / 2) + half, best.RoundTripMs, probes.Count);
    }
}
