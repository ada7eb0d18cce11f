using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Tests.Sampler;

public sealed class TcpTallyTests
{
    [Fact]
    public void RequestSockets_CountAsSynRecv_UnknownStatesAreIgnored()
    {
        var tally = new TcpTally();
        tally.AddByPort(12, 80, 40000, 80);
        tally.AddByPort(3, 80, 40001, 80);
        tally.AddByPort(13, 80, 0, 80);
        tally.AddByPort(0, 80, 0, 80);
        Assert.Equal(2, tally.ServerSide().SynRecv);
        Assert.Equal(2, tally.ServerSide().ToKernelOrder().Sum());
    }

    [Fact]
    public void NoPortUnderTest_CountsNoSide_ButStillOwnership()
    {
        var tally = new TcpTally();
        tally.AddByPort(1, 80, 40000, 0);
        tally.AddIfOwned(1, 77, [77]);
        tally.AddIfOwned(6, 0, [0]);
        Assert.Equal(0, tally.ServerSide().Established + tally.ClientSide().Established);
        Assert.Equal(1, tally.Owned().Established);
        Assert.Equal(0, tally.Owned().TimeWait);
    }

    [Fact]
    public void Clear_ZeroesEverySplit()
    {
        var tally = new TcpTally();
        tally.AddByPort(8, 80, 80, 80);
        tally.AddIfOwned(8, 5, [5]);
        tally.Clear();
        Assert.Equal(0, tally.ServerSide().CloseWait + tally.ClientSide().CloseWait + tally.Owned().CloseWait);
    }
}
