using System.Text;
using LoadRepro.Core.Records;
using LoadRepro.Sampler.Proc;
using LoadRepro.Sampler.Tcp;

namespace LoadRepro.Tests.Sampler;

public sealed class ProcNetTcpTests
{
    private const string Table = """
          sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
           0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1001 1 0000000000000000 100 0 0 10 0
           1: 0100007F:1F90 0100007F:A000 08 00000000:00000000 00:00000000 00000000     0        0 1002 1 0000000000000000 20 4 30 10 -1
           2: 0100007F:1F90 0100007F:A001 08 00000000:00000000 00:00000000 00000000     0        0 1003 1 0000000000000000 20 4 30 10 -1
           3: 0100007F:A000 0100007F:1F90 05 00000000:00000000 00:00000000 00000000     0        0 0 1 0000000000000000 20 4 30 10 -1
           4: 0100007F:A002 0100007F:1F90 06 00000000:00000000 03:00000F9E 00000000     0        0 0 3 0000000000000000
           5: 0100007F:1F91 0100007F:A003 01 00000000:00000000 00:00000000 00000000     0        0 1005 1 0000000000000000 20 4 30 10 -1

        """;

    [Fact]
    public void CountsEachSide_ByPort()
    {
        var tally = new TcpTally();
        ProcNetTcp.CountLines(Encoding.ASCII.GetBytes(Table), 0x1F90, [1002, 1005], tally);
        var server = tally.ServerSide();
        var client = tally.ClientSide();
        Assert.Equal(1, server.Listen);
        Assert.Equal(2, server.CloseWait);
        Assert.Equal(0, server.Established);
        Assert.Equal(1, client.FinWait2);
        Assert.Equal(1, client.TimeWait);
    }

    [Fact]
    public void OwnedSockets_AreThoseWhoseInodeIsInTheDescriptorTable_AnyPort()
    {
        var tally = new TcpTally();
        ProcNetTcp.CountLines(Encoding.ASCII.GetBytes(Table), 0x1F90, [1002, 1005, 0], tally);
        var owned = tally.Owned();
        Assert.Equal(1, owned.CloseWait);
        Assert.Equal(1, owned.Established);
        Assert.Equal(0, owned.TimeWait);
        Assert.Equal(0, owned.Listen);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   0: garbage")]
    [InlineData("   0: 0100007F:1F90 0100007F:ZZZZ 08")]
    [InlineData("   0: 0100007F:1F90")]
    public void MalformedLines_AreSkipped(string line) => Assert.False(ProcNetTcp.TryParseLine(Encoding.ASCII.GetBytes(line), out _, out _, out _, out _));

    [Fact]
    public void Ipv6Line_ReadsPortsAndState()
    {
        var line = "   0: 00000000000000000000000001000000:1F90 00000000000000000000000001000000:C350 08 00000000:00000000 00:00000000 00000000     0        0 1 1 0"u8;
        Assert.True(ProcNetTcp.TryParseLine(line, out var local, out var remote, out var state, out var inode));
        Assert.Equal(1UL, inode);
        Assert.Equal(0x1F90, local);
        Assert.Equal(0xC350, remote);
        Assert.Equal(TcpStates.CloseWait, state);
    }
}
