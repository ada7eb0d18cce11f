using LoadRepro.Core.Diagnosis;

namespace LoadRepro.Tests.Diagnosis;

public sealed class PortExhaustionPredictionTests
{
    private static PortExhaustionPrediction.Conditions Conditions(int twReuse, bool loopback, bool timestamps = true) => new()
    {
        PortsPerTuple = 1000,
        TwReuse = twReuse,
        Timestamps = timestamps,
        Loopback = loopback,
        ConnectionsPerSecond = 500,
        PlannedConnections = 2500,
    };

    [Fact]
    public void DefaultReuse_OverAVeth_PredictsExhaustionAfterThePortRange()
    {
        var p = PortExhaustionPrediction.Predict(Conditions(twReuse: 2, loopback: false), connectionsOpened: 1000, addressNotAvailable: 1200);

        Assert.Equal(1000, p.PredictedConnections);
        Assert.Contains("loopback only", p.Reason, StringComparison.Ordinal);
        Assert.Contains("1000 connections opened, then 1200 connects failed with EADDRNOTAVAIL", p.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultReuse_OverLoopback_PredictsNoExhaustion()
    {
        var p = PortExhaustionPrediction.Predict(Conditions(twReuse: 2, loopback: true), connectionsOpened: 2500, addressNotAvailable: 0);

        Assert.Null(p.PredictedConnections);
        Assert.Contains("reuses a port in TIME_WAIT 1000 ms", p.Reason, StringComparison.Ordinal);
        Assert.Contains("none failed with EADDRNOTAVAIL", p.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, true, true)]
    [InlineData(1, false, false)]
    public void NoReuse_PredictsExhaustionAfterThePortRange(int twReuse, bool loopback, bool timestamps)
    {
        Assert.Equal(1000, PortExhaustionPrediction.Predict(Conditions(twReuse, loopback, timestamps), 0, 0).PredictedConnections);
    }

    [Fact]
    public void ReuseOne_AppliesOverAVethToo()
    {
        Assert.Null(PortExhaustionPrediction.Predict(Conditions(twReuse: 1, loopback: false), 2500, 0).PredictedConnections);
    }
}
