using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;
using LoadRepro.Reports.Formats;
using LoadRepro.Reports.Writing;

namespace LoadRepro.Tests.Reports;

/// <summary>samples.csv and client.csv as files in a run directory: their exact text, and reading them back from disk.</summary>
public sealed class RunCsvFilesTests : IDisposable
{
    // Written by the hand-made writers that came before the CSV library: run directories on disk hold exactly this.
    private const string SamplesText =
        "seconds,phase,alive,fds,socketFds,otherFds,fdLimit,cpuPercent," +
        "tcp.established,tcp.synSent,tcp.synRecv,tcp.finWait1,tcp.finWait2,tcp.timeWait,tcp.close,tcp.closeWait,tcp.lastAck,tcp.listen,tcp.closing," +
        "clientTcp.established,clientTcp.synSent,clientTcp.synRecv,clientTcp.finWait1,clientTcp.finWait2,clientTcp.timeWait,clientTcp.close,clientTcp.closeWait,clientTcp.lastAck,clientTcp.listen,clientTcp.closing," +
        "fileFds,pipeFds,anonInodeFds,otherKindFds,fdHardLimit,rssBytes,threads," +
        "ownedTcp.established,ownedTcp.synSent,ownedTcp.synRecv,ownedTcp.finWait1,ownedTcp.finWait2,ownedTcp.timeWait,ownedTcp.close,ownedTcp.closeWait,ownedTcp.lastAck,ownedTcp.listen,ownedTcp.closing," +
        "sockstat.inUse,sockstat.orphan,sockstat.timeWait,sockstat.alloc,sockstat.memPages\n" +
        "0.1,baseline,1,180,2,178,1024,0,0,0,0,0,0,0,0,0,0,1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n" +
        "1.235,load,1,1023,1000,23,1024,187.3,3,1,2,4,5,6,7,990,8,1,9,0,0,0,0,990,17,0,0,0,0,0,5,6,8,4,524288,123456789012,31,2,0,0,0,0,0,0,990,0,1,0,995,2,23,1100,12\n" +
        "2,drain,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0\n";

    private const string ClientText =
        "seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms,errors.EMFILE,errors.timeout\n" +
        "1,500,250,250,500,0,12.346,200,50\n" +
        "1.457,100,100,0,100,7,0,0,0\n";

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadrepro-csv-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public void SamplesCsv_IsTheTextRunDirectoriesAlreadyHold_RoundingAndOrderIncluded()
    {
        Assert.Equal(SamplesText, CsvSamples.Format(Samples()));
    }

    [Fact]
    public void ClientCsv_IsTheTextRunDirectoriesAlreadyHold_RoundingAndOrderIncluded()
    {
        Assert.Equal(ClientText, ClientCsv.Render(ClientSeconds()));
    }

    [Fact]
    public void SamplesCsv_OfAnOlderRun_ReadsBackToItsSamples_WithUnixOrWindowsLineEnds()
    {
        var expected = SamplesAsWritten();

        Assert.Equal(expected, CsvSamples.Read(SamplesText, "samples.csv"));
        Assert.Equal(expected, CsvSamples.Read(SamplesText.Replace("\n", "\r\n", StringComparison.Ordinal), "samples.csv"));
    }

    [Fact]
    public void ARunDirectory_WrittenToDisk_ReadsBackToTheSameSamplesAndClientSeconds()
    {
        var samples = SamplesAsWritten();
        var client = ClientSecondsAsWritten();

        RunReports.Write([new JsonSummary(), new CsvSamples(), new ClientCsv()], _folder, Record(), samples, client);
        var back = RunDirectoryReader.Read(_folder);

        Assert.Equal(SamplesText, File.ReadAllText(Path.Combine(_folder, CsvSamples.Name)));
        Assert.Equal(ClientText, File.ReadAllText(Path.Combine(_folder, ClientCsv.Name)));
        Assert.Equal(samples, back.Samples);
        Assert.Equal(client.Select(Fields), back.Client.Select(Fields));
    }

    [Fact]
    public void ASeriesWithoutRows_IsItsHeaderAlone_AndReadsBackEmpty()
    {
        var samples = CsvSamples.Format([]);

        Assert.Equal(CsvSamples.Header + "\n", samples);
        Assert.Empty(CsvSamples.Read(samples, "samples.csv"));
        Assert.Empty(ClientCsv.Read(ClientCsv.Render([]), "client.csv"));
    }

    [Fact]
    public void ABlankLine_IsSkipped_AsTheHandWrittenReaderDid()
    {
        var lines = SamplesText.Split('\n');
        var withBlank = string.Join('\n', lines[..2]) + "\n\n" + string.Join('\n', lines[2..]);

        Assert.Equal(3, CsvSamples.Read(withBlank, "samples.csv").Count);
    }

    [Fact]
    public void AMalformedSamplesRowInARunDirectory_IsOneLineNamingTheFileTheLineAndTheColumn()
    {
        RunReports.Write([new JsonSummary(), new CsvSamples(), new ClientCsv()], _folder, Record(), Samples(), ClientSeconds());
        var path = Path.Combine(_folder, CsvSamples.Name);
        var lines = File.ReadAllLines(path);
        lines[2] = lines[2].Replace(",1023,1000,", ",many,1000,", StringComparison.Ordinal);
        File.WriteAllLines(path, lines);

        var e = Assert.Throws<InvalidDataException>(() => RunDirectoryReader.Read(_folder));

        Assert.Equal($"{path}:3: not a sample row (fds is not a whole number)", e.Message);
    }

    [Fact]
    public void AMalformedClientRowInARunDirectory_IsOneLineNamingTheFileTheLineAndTheColumn()
    {
        RunReports.Write([new JsonSummary(), new CsvSamples(), new ClientCsv()], _folder, Record(), Samples(), ClientSeconds());
        var path = Path.Combine(_folder, ClientCsv.Name);
        File.WriteAllText(path, ClientText.Replace("12.346", "12,346", StringComparison.Ordinal));

        var e = Assert.Throws<InvalidDataException>(() => RunDirectoryReader.Read(_folder));

        Assert.Equal($"{path}:2: not a client row", e.Message);
    }

    [Theory]
    [InlineData("", "samples.csv:1: not a samples file (the header row differs)")]
    [InlineData("seconds,phase\n", "samples.csv:1: not a samples file (the header row differs)")]
    [InlineData("{header}\n1,load,1\n", "samples.csv:2: not a sample row")]
    [InlineData("{header}\n{row}\n{row}\n1,load,1\n", "samples.csv:4: not a sample row")]
    [InlineData("{header}\n{row:phase=warmup}\n", "samples.csv:2: not a sample row")]
    [InlineData("{header}\n{row:seconds=soon}\n", "samples.csv:2: not a sample row (seconds is not a number)")]
    [InlineData("{header}\n{row:rssBytes=1.5}\n", "samples.csv:2: not a sample row (rssBytes is not a whole number)")]
    [InlineData("{header}\n{row:tcp.closeWait=-}\n", "samples.csv:2: not a sample row (tcp.closeWait is not a whole number)")]
    [InlineData("{header}\n{row:fds=\"1}\n{row}\n", "samples.csv:2: not a sample row")]
    public void AMalformedSamplesFile_IsOneLineNamingTheFileAndTheLine(string template, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvSamples.Read(SamplesTemplate(template), "samples.csv"));

        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void ASamplesHeaderNamingAColumnTwice_IsOneLineNamingTheFile()
    {
        var e = Assert.Throws<InvalidDataException>(() => CsvSamples.Read("seconds,seconds\n1,2\n", "samples.csv"));

        Assert.Equal("samples.csv:1: not a samples file (the header row differs)", e.Message);
    }

    [Theory]
    [InlineData("", "client.csv:1: not a client file (the header row differs)")]
    [InlineData("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms,timeout\n", "client.csv:1: not a client file (the header row differs)")]
    [InlineData("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms,errors.timeout\n1,2,3,4,5,6,7\n", "client.csv:2: not a client row")]
    [InlineData("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms,errors.timeout\n1,2,3,4,5,6,7,x\n", "client.csv:2: not a client row (errors.timeout is not a whole number)")]
    [InlineData("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms\n1,2,3,4,5,6,7\n1,2,3,4,5,6,fast\n", "client.csv:3: not a client row (p99Ms is not a number)")]
    public void AMalformedClientFile_IsOneLineNamingTheFileAndTheLine(string csv, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => ClientCsv.Read(csv, "client.csv"));

        Assert.Equal(message, e.Message);
    }

    // {header} is the samples header, {row} a valid row, {row:column=value} that row with one field replaced.
    private static string SamplesTemplate(string template)
    {
        var columns = CsvSamples.Header.Split(',');
        var row = SamplesText.Split('\n')[2];
        var text = template.Replace("{header}", CsvSamples.Header, StringComparison.Ordinal).Replace("{row}", row, StringComparison.Ordinal);
        var open = text.IndexOf("{row:", StringComparison.Ordinal);
        if (open < 0)
        {
            return text;
        }

        var close = text.IndexOf('}', open);
        var (column, value) = text[(open + 5)..close].Split('=', 2) switch { [var c, var v] => (c, v), _ => throw new ArgumentException(template, nameof(template)) };
        var fields = row.Split(',');
        fields[Array.IndexOf(columns, column)] = value;
        return text[..open] + string.Join(',', fields) + text[(close + 1)..];
    }

    private static Sample[] Samples() =>
    [
        new() { Seconds = 0.1, Phase = SamplePhase.Baseline, Fds = 180, SocketFds = 2, OtherFds = 178, FdLimit = 1024, CpuPercent = 0.04, Tcp = new TcpStateCounts { Listen = 1 } },
        new()
        {
            Seconds = 1.2345,
            Phase = SamplePhase.Load,
            Fds = 1023,
            SocketFds = 1000,
            OtherFds = 23,
            FdLimit = 1024,
            CpuPercent = 187.25,
            Tcp = new TcpStateCounts { Established = 3, SynSent = 1, SynRecv = 2, FinWait1 = 4, FinWait2 = 5, TimeWait = 6, Close = 7, CloseWait = 990, LastAck = 8, Listen = 1, Closing = 9 },
            ClientTcp = new TcpStateCounts { FinWait2 = 990, TimeWait = 17 },
            FileFds = 5,
            PipeFds = 6,
            AnonInodeFds = 8,
            OtherKindFds = 4,
            FdHardLimit = 524288,
            RssBytes = 123_456_789_012,
            Threads = 31,
            OwnedTcp = new TcpStateCounts { Established = 2, CloseWait = 990, Listen = 1 },
            Sockstat = new SockstatCounts { InUse = 995, Orphan = 2, TimeWait = 23, Alloc = 1100, MemPages = 12 },
        },
        new() { Seconds = 2, Phase = SamplePhase.Drain, Alive = false },
    ];

    // What the file keeps of Samples(): seconds to the millisecond, CPU to a tenth of a percent.
    private static Sample[] SamplesAsWritten()
    {
        var s = Samples();
        s[1] = s[1] with { Seconds = 1.235, CpuPercent = 187.3 };
        s[0] = s[0] with { CpuPercent = 0 };
        return s;
    }

    private static ClientSecond[] ClientSeconds() =>
    [
        new() { Seconds = 1, Started = 500, Ok = 250, Failed = 250, ConnectionsOpened = 500, P99Ms = 12.3456, Errors = new Dictionary<string, long> { ["EMFILE"] = 200, ["timeout"] = 50 } },
        new() { Seconds = 1.4567, Started = 100, Ok = 100, ConnectionsOpened = 100, LateArrivals = 7, P99Ms = 0.0004 },
    ];

    // What the file keeps of ClientSeconds(): seconds and p99 to the thousandth.
    private static ClientSecond[] ClientSecondsAsWritten()
    {
        var c = ClientSeconds();
        c[0] = c[0] with { P99Ms = 12.346 };
        c[1] = c[1] with { Seconds = 1.457, P99Ms = 0 };
        return c;
    }

    private static string Fields(ClientSecond c) =>
        FormattableString.Invariant($"{c.Seconds} {c.Started} {c.Ok} {c.Failed} {c.ConnectionsOpened} {c.LateArrivals} {c.P99Ms} {string.Join(' ', c.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"))}");

    private static RunRecord Record() => new()
    {
        Scenario = "csv-round-trip",
        StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Target = new TargetInfo { Kind = TargetKind.Embedded, Url = "http://127.0.0.1:5000/", Pid = 42, MaxFds = 1024 },
        Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = KeepAliveMode.On },
        Load = new LoadInfo { Model = LoadModelKind.Rate, Connection = ConnectionKind.Short, Http = "1.1", Rate = 500, DurationSeconds = 2 },
        Client = new ClientSummary(),
        Samples = new SampleInfo { Count = 3, IntervalMs = 100 },
        Phases = new PhaseTimes { LoadStartSeconds = 0.2, LoadStopSeconds = 2.2 },
        Baseline = new Figures { Fds = 180 },
        Peak = new Figures { Fds = 1023 },
        Final = new Figures(),
        Exhaustion = new ExhaustionInfo(),
        Diagnosis = new DiagnosisInfo { Kind = DiagnosisKind.Healthy, Summary = "Nothing leaks." },
    };
}
