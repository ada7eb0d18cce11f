using LoadRepro.Sampler.Proc;

namespace LoadRepro.Tests.Sampler;

public sealed class ProcSockstatTests
{
    [Fact]
    public void TcpLine_ReadsEveryKey()
    {
        var text = "sockets: used 15\nTCP: inuse 11 orphan 2 tw 845 alloc 31 mem 479\nUDP: inuse 0 mem 0\n"u8;
        var k = ProcSockstat.Parse(text);
        Assert.Equal((11, 2, 845, 31, 479), (k.InUse, k.Orphan, k.TimeWait, k.Alloc, k.MemPages));
    }

    [Fact]
    public void NoTcpLine_ReadsAsEmpty() => Assert.Equal(0, ProcSockstat.Parse("sockets: used 1\n"u8).InUse);
}
