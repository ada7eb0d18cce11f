using LoadRepro.Reports.Writing;
using LoadRepro.Tests.Judgement;

namespace LoadRepro.Tests.Reports;

public sealed class RunDirectoryReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "loadrepro-rundir-" + Guid.NewGuid().ToString("N")[..8]);

    public RunDirectoryReaderTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void ARunWrittenOut_ReadsBackAsTheSameRun()
    {
        var record = SyntheticRuns.Leak();
        var samples = SyntheticRuns.Samples(t => (int)(t * 100));
        RunReports.WriteAll(_folder, record, samples, []);

        var run = RunDirectoryReader.Read(_folder);

        Assert.Equal(_folder, run.Directory);
        Assert.Equal(record.Scenario, run.Record.Scenario);
        Assert.Equal(record.Peak.Tcp.CloseWait, run.Record.Peak.Tcp.CloseWait);
        Assert.Equal(samples.Select(s => s.Tcp.CloseWait), run.Samples.Select(s => s.Tcp.CloseWait));
        Assert.Empty(run.Client);
    }

    [Fact]
    public void AMissingDirectory_OrAMissingFile_IsInvalidData_NamingIt()
    {
        var gone = Path.Combine(_folder, "gone");
        Assert.Equal($"{gone}: no such run directory", Assert.Throws<InvalidDataException>(() => RunDirectoryReader.Read(gone)).Message);

        var summary = Path.Combine(_folder, "summary.json");
        Assert.StartsWith($"{summary}: cannot read it", Assert.Throws<InvalidDataException>(() => RunDirectoryReader.Read(_folder)).Message, StringComparison.Ordinal);
    }
}
