using LoadRepro.Core.Records;
using LoadRepro.Reports.Formats;

namespace LoadRepro.Tests.Reports;

public sealed class CsvSamplesTests
{
    [Fact]
    public void Format_ThenRead_GivesBackEveryField()
    {
        var sample = new Sample
        {
            Seconds = 1.25,
            Phase = SamplePhase.Drain,
            Fds = 120,
            SocketFds = 100,
            OtherFds = 20,
            FdLimit = 1024,
            CpuPercent = 12.5,
            Tcp = new TcpStateCounts { Established = 3, CloseWait = 90, Listen = 1 },
            ClientTcp = new TcpStateCounts { FinWait2 = 90, TimeWait = 7 },
            FileFds = 5,
            PipeFds = 6,
            AnonInodeFds = 8,
            OtherKindFds = 1,
            FdHardLimit = 524288,
            RssBytes = 123_456_789_012,
            Threads = 31,
            OwnedTcp = new TcpStateCounts { Established = 2, CloseWait = 90, Listen = 1, SynRecv = 4 },
            Sockstat = new SockstatCounts { InUse = 95, Orphan = 2, TimeWait = 97, Alloc = 150, MemPages = 12 },
        };
        var dead = new Sample { Seconds = 2, Phase = SamplePhase.Drain, Alive = false };

        var back = CsvSamples.Read(CsvSamples.Format([sample, dead]), "test.csv");

        Assert.Equal(new[] { sample, dead }, back);
    }

    [Fact]
    public void RowWithMissingColumns_NamesTheLine()
    {
        var csv = CsvSamples.Header + "\n1,load,1,2,3\n";
        var e = Assert.Throws<InvalidDataException>(() => CsvSamples.Read(csv, "x.csv"));
        Assert.StartsWith("x.csv:2:", e.Message, StringComparison.Ordinal);
    }
}
