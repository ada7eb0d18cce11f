using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Judgement;

/// <summary>
/// Two runs on one fixed port: the second starts among the first's TIME_WAIT (60 s). The comparison accounts for it, says so,
/// and credits neither side with sockets it found; one load on two builds of the user's server tells the fix story.
/// </summary>
public sealed class ComparisonBaselineTests
{
    private const string Url = "http://127.0.0.1:8080/";

    [Fact]
    public void KeepAliveAfterShortConnectionsOnOnePort_IsCreditedOnlyWithTheTimeWaitItAdded_AndTheReportSaysWhoLeftTheRest()
    {
        var shortRun = OnPort(SyntheticRuns.Run("http10-short", ConnectionKind.Short)) with
        {
            Peak = new Figures { Fds = 190, Tcp = new TcpStateCounts { TimeWait = 2000 } },
            Client = new ClientSummary { RequestsOk = 2000, ConnectionsOpened = 2000, ThroughputRps = 400 },
        };
        var keepAlive = OnPort(SyntheticRuns.Run("http11-keepalive", ConnectionKind.KeepAlive)) with
        {
            Baseline = new Figures { Fds = 180, Tcp = new TcpStateCounts { TimeWait = 2000 } },
            Peak = new Figures { Fds = 200, Tcp = new TcpStateCounts { TimeWait = 2003, Established = 16 } },
            Client = new ClientSummary { RequestsOk = 2100, ConnectionsOpened = 16, ThroughputRps = 500 },
        };

        var c = Compare(shortRun, keepAlive);

        Assert.Equal(ComparisonStory.KeepAlive, c.Story);
        Assert.Contains("TIME_WAIT 3 instead of 2,000", c.Verdict.Headline, StringComparison.Ordinal);
        Assert.Contains(c.Verdict.Reasons, r => r.Ok is null && r.Text == "B started with 2,000 TIME_WAIT on the server side on port 8080, left by A (or earlier connections), TIME_WAIT lasts 60 s: accounted for, not waited out; B is judged on what it added.");
        var added = Assert.Single(c.Figures, f => f.Name == "TIME_WAIT added over the baseline, server side");
        Assert.Equal((2000, 3), (added.A, added.B));
    }

    [Fact]
    public void RunsThatStartedClean_SayNothingAboutBaselines_AndAddNoFigures()
    {
        var c = Compare(SyntheticRuns.Leak(), SyntheticRuns.Fixed());

        Assert.DoesNotContain(c.Verdict.Reasons, r => r.Text.Contains("accounted for", StringComparison.Ordinal));
        Assert.DoesNotContain(c.Figures, f => f.Name.Contains("added over the baseline", StringComparison.Ordinal));
    }

    [Fact]
    public void AFixThatStartsAmongCloseWaitTheLeakLeft_IsJudgedOnWhatItAdded()
    {
        var fix = SyntheticRuns.Fixed(peakCloseWait: 303, finalCloseWait: 300) with
        {
            Baseline = new Figures { Fds = 180, Tcp = new TcpStateCounts { CloseWait = 300 } },
        };

        var c = Compare(SyntheticRuns.Leak(), fix);

        Assert.True(c.Verdict.Holds, c.Verdict.Headline);
        Assert.Contains(c.Verdict.Reasons, r => r.Ok == true && r.Text.StartsWith("CLOSE_WAIT in B: peak 3, 0 after the drain", StringComparison.Ordinal));
    }

    [Fact]
    public void OneScenarioOnTwoBuilds_TellsTheFixStory_AndGatesOnlyB()
    {
        var leakingBuild = Built(SyntheticRuns.Leak(), "./old-server") with
        {
            Scenario = "close-wait-fixed",
            Gates = [new GateResult { Name = "diagnosis", Limit = "healthy", Actual = "close-wait-leak", Passed = false }],
            Passed = false,
        };
        var fixedBuild = Built(SyntheticRuns.Fixed(), "./new-server") with
        {
            Gates = [new GateResult { Name = "diagnosis", Limit = "healthy", Actual = "healthy", Passed = true }],
        };

        var c = Compare(leakingBuild, fixedBuild);

        Assert.Equal(ComparisonStory.Fix, c.Story);
        Assert.StartsWith("The fix holds: server B keeps CLOSE_WAIT", c.Verdict.Headline, StringComparison.Ordinal);
        Assert.Equal(["B diagnosis", "fixHolds"], c.Gates.Select(g => g.Name));
        Assert.True(c.Passed);
        Assert.Equal(("./old-server", "./new-server"), (c.A.Command, c.B.Command));

        var stillLeaking = Built(SyntheticRuns.Leak(), "./new-server") with { Scenario = "close-wait-fixed" };
        var notFixed = Compare(leakingBuild, stillLeaking);
        Assert.Equal(ComparisonStory.Fix, notFixed.Story);
        Assert.False(notFixed.Passed);
    }

    [Fact]
    public void OneBuildStartedTwice_IsNotAFixStory()
    {
        var leak = Built(SyntheticRuns.Leak(), "./server");

        Assert.NotEqual(ComparisonStory.Fix, Compare(leak, leak).Story);
    }

    private static RunRecord OnPort(RunRecord r) => r with { Target = r.Target with { Kind = TargetKind.External, Url = Url } };

    private static RunRecord Built(RunRecord r, string command) => OnPort(r) with { Target = OnPort(r).Target with { Command = command } };

    private static ComparisonRecord Compare(RunRecord a, RunRecord b) =>
        ComparisonJudge.Compare(new RunResult("/r/c/runs/a", a, [], []), new RunResult("/r/c/runs/b", b, [], []), "/r/c");
}
