using LoadRepro.Core.Clock;

namespace LoadRepro.Tests.Clock;

/// <summary>
/// The clock offset estimator against a modelled pair of hosts: the remote clock runs a known offset ahead and is read in whole
/// milliseconds; each probe's request and answer take their own time on the wire, often unequal (the error the bound covers).
/// </summary>
public sealed class ClockOffsetEstimatorTests
{
    private const double Start = 1_764_700_000_000.0;

    /// <summary>One probe sent at <paramref name="sent"/> that takes <paramref name="outMs"/> to arrive and <paramref name="backMs"/> to return.</summary>
    private static ClockProbe Probe(double trueOffsetMs, double sent, double outMs, double backMs) =>
        new(sent, Math.Floor(sent + outMs + trueOffsetMs), sent + outMs + backMs);

    [Theory]
    [InlineData(1234.567)]
    [InlineData(-87.25)]
    [InlineData(0)]
    [InlineData(0.4)]
    public void Offset_IsWithinItsBound_OfTheTrueOne(double trueOffset)
    {
        (double Out, double Back)[] legs = [(0.9, 0.1), (0.05, 3.2), (0.3, 0.35), (2.0, 2.0), (0.02, 0.6), (4.0, 0.01)];
        var probes = legs.Select((l, i) => Probe(trueOffset, Start + (i * 10.37), l.Out, l.Back)).ToList();

        var estimate = ClockOffsetEstimator.Estimate(probes, remoteResolutionMs: 1);

        Assert.InRange(trueOffset, estimate.OffsetMs - estimate.BoundMs, estimate.OffsetMs + estimate.BoundMs);
        Assert.Equal(probes.Min(p => p.RoundTripMs), estimate.RoundTripMs, 9);
        Assert.Equal((estimate.RoundTripMs / 2) + 0.5, estimate.BoundMs, 9);
        Assert.Equal(legs.Length, estimate.Probes);
    }

    [Fact]
    public void SmallestRoundTrip_Wins_OverAProbeWhoseAsymmetryWouldMislead()
    {
        const double trueOffset = 500;
        var lopsided = Probe(trueOffset, Start, outMs: 40, backMs: 0.5);
        var quick = Probe(trueOffset, Start + 100, outMs: 0.2, backMs: 0.3);

        var estimate = ClockOffsetEstimator.Estimate([lopsided, quick], remoteResolutionMs: 1);
        var fromLopsidedAlone = ClockOffsetEstimator.Estimate([lopsided], remoteResolutionMs: 1);

        Assert.Equal(quick.RoundTripMs, estimate.RoundTripMs, 9);
        Assert.True(Math.Abs(estimate.OffsetMs - trueOffset) < Math.Abs(fromLopsidedAlone.OffsetMs - trueOffset) / 10,
            $"offset {estimate.OffsetMs} from the quick probe, {fromLopsidedAlone.OffsetMs} from the lopsided one, true {trueOffset}");
    }

    [Fact]
    public void ToLocal_PlacesALaterRemoteReading_OnThisClock()
    {
        const double trueOffset = 250;
        var estimate = ClockOffsetEstimator.Estimate([Probe(trueOffset, Start, 0.5, 0.7)], remoteResolutionMs: 1);
        var localTime = Start + 60_000.25;

        // The remote reading truncates by up to 1 ms; half of it is in the bound, the other half is the reading's own step.
        Assert.InRange(estimate.ToLocal(Math.Floor(localTime + trueOffset)), localTime - estimate.BoundMs - 0.5, localTime + estimate.BoundMs + 0.5);
    }

    [Fact]
    public void NoProbe_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ClockOffsetEstimator.Estimate([], remoteResolutionMs: 1));

    [Fact]
    public void AnswerBeforeRequest_IsRefused() =>
        Assert.Throws<ArgumentException>(() => ClockOffsetEstimator.Estimate([new ClockProbe(Start, Start, Start - 1)], remoteResolutionMs: 1));
}
