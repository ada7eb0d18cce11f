using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Reports.Comparison;
using LoadRepro.Reports.Formats;
using LoadRepro.Tests.Judgement;

namespace LoadRepro.Tests.Reports;

/// <summary>Server CPU per 1,000 requests in a run's reports and a comparison's, and "not measured" where a side has no reading.</summary>
public sealed class ServerCpuReportTests
{
    private static readonly ServerCpu Measured = new() { CpuSeconds = 0.52, WindowSeconds = 4.1, Requests = 1997, MsPerThousandRequests = 260.4 };

    [Fact]
    public void RunReports_SayTheServersCpuOverTheLoad_AndPerThousandRequests()
    {
        var run = SyntheticRuns.Fixed() with { ServerCpu = Measured };
        var samples = SyntheticRuns.Samples(_ => 0);

        const string Expected = "0.52 CPU s over the 4.1 s load window, 260.4 ms per 1,000 requests";
        Assert.Contains($"Server CPU (user + system, from /proc/PID/stat, over the load): {Expected}.", new MarkdownReport().Render(run, samples, []), StringComparison.Ordinal);
        Assert.Contains(Expected, new HtmlReport().Render(run, samples, []), StringComparison.Ordinal);
    }

    [Fact]
    public void CompareMarkdown_HasTheFigureForEveryPair_AndNotMeasuredForASideWithoutAReading()
    {
        var a = SyntheticRuns.Leak() with { ServerCpu = ServerCpu.Missing("the server was not alive through the load", 843) };
        var b = SyntheticRuns.Fixed() with { ServerCpu = Measured };
        var (ra, rb) = (new RunResult("/r/c/runs/a", a, [], []), new RunResult("/r/c/runs/b", b, [], []));
        var c = ComparisonJudge.Compare(ra, rb, "/r/c");

        var md = CompareMarkdown.Render(c);

        Assert.Contains("| server CPU per 1,000 requests | – | 260.4 ms | not measured in A |", md, StringComparison.Ordinal);
        Assert.Contains("- Server CPU per 1,000 requests: not measured in A, 260.4 ms in B.", md, StringComparison.Ordinal);
        Assert.Contains("not measured in A", CompareHtml.Render(c, ra, rb), StringComparison.Ordinal);
    }
}
