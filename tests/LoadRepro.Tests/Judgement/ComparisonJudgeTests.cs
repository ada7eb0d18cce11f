using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Judgement;

public sealed class ComparisonJudgeTests
{
    [Fact]
    public void LeakAgainstAFlatFix_TellsTheFixStory_AndTheFixHolds()
    {
        var c = Compare(SyntheticRuns.Leak(), SyntheticRuns.Fixed());
        Assert.Equal(ComparisonStory.Fix, c.Story);
        Assert.True(c.Verdict.Holds);
        Assert.StartsWith("The fix holds", c.Verdict.Headline, StringComparison.Ordinal);
        Assert.Contains("reached EMFILE after 1.74 s", c.Verdict.Headline, StringComparison.Ordinal);
        Assert.Contains(c.Gates, g => g.Name == "fixHolds" && g.Passed);
        Assert.True(c.Passed);
    }

    [Fact]
    public void AFixThatStillKeepsCloseWait_DoesNotHold_AndFailsItsGate()
    {
        var c = Compare(SyntheticRuns.Leak(), SyntheticRuns.Fixed(peakCloseWait: 300, finalCloseWait: 290));
        Assert.False(c.Verdict.Holds);
        Assert.StartsWith("The fix does not hold: CLOSE_WAIT in B: peak 300, 290 after the drain", c.Verdict.Headline, StringComparison.Ordinal);
        Assert.False(c.Passed);
    }

    [Fact]
    public void AFixThatLosesThroughput_DoesNotHold()
    {
        var c = Compare(SyntheticRuns.Leak(), SyntheticRuns.Fixed(throughput: 300));
        Assert.False(c.Verdict.Holds);
        Assert.Contains(c.Verdict.Reasons, r => r.Ok == false && r.Text.Contains("300 requests/s of the 500 offered", StringComparison.Ordinal));
    }

    [Fact]
    public void AbandonLoad_FailsEveryRequestByDesign_SoSuccessAndThroughputAreNotJudged()
    {
        var abandoned = SyntheticRuns.Fixed(throughput: 0);
        abandoned = abandoned with { Load = abandoned.Load with { Connection = ConnectionKind.Abandon }, Client = abandoned.Client with { RequestsOk = 0, RequestsFailed = 200 } };
        var c = Compare(SyntheticRuns.Leak(), abandoned);
        Assert.True(c.Verdict.Holds);
        Assert.Contains(c.Verdict.Reasons, r => r.Ok is null && r.Text.Contains("abandons every request by design", StringComparison.Ordinal));

        var shortLoad = abandoned with { Load = abandoned.Load with { Connection = ConnectionKind.Short } };
        Assert.False(Compare(SyntheticRuns.Leak(), shortLoad).Verdict.Holds);
    }

    [Fact]
    public void AnInFlightCloseWaitBumpThatDrains_StillCountsAsFlat()
    {
        Assert.True(Compare(SyntheticRuns.Leak(), SyntheticRuns.Fixed(peakCloseWait: 19, finalCloseWait: 0)).Verdict.Holds);
    }

    [Fact]
    public void DescriptorsInFlightThatSettle_Hold_ButDescriptorsKeptAfterTheDrain_DoNot()
    {
        var busy = SyntheticRuns.Fixed() with { Peak = SyntheticRuns.Fixed().Peak with { Fds = 180 + 300 } };
        Assert.True(Compare(SyntheticRuns.Leak(), busy).Verdict.Holds);

        var kept = busy with { Final = busy.Final with { Fds = 180 + 250 } };
        var c = Compare(SyntheticRuns.Leak(), kept);
        Assert.False(c.Verdict.Holds);
        Assert.Contains(c.Verdict.Reasons, r => r.Ok == false && r.Text.StartsWith("Descriptors in B: peak 300 above a baseline of 180, 430 after the drain", StringComparison.Ordinal));
    }

    [Fact]
    public void ShortAgainstKeepAlive_AtTheSameRate_SaysWhatKeepAliveSaves_ServerCpuConnectionsTimeWaitAndLatency()
    {
        var shortRun = SyntheticRuns.Run("http10-short", ConnectionKind.Short) with
        {
            Peak = new Figures { Fds = 190, Tcp = new TcpStateCounts { TimeWait = 2400 } },
            Client = new ClientSummary { RequestsOk = 2000, ConnectionsOpened = 2000, ThroughputRps = 499.5, LatencyMs = new LatencySummary { P50 = 2, P99 = 12 } },
            ServerCpu = new ServerCpu { CpuSeconds = 0.52, WindowSeconds = 4.1, Requests = 2000, MsPerThousandRequests = 260 },
        };
        var keepAlive = SyntheticRuns.Run("http11-keepalive", ConnectionKind.KeepAlive) with
        {
            Peak = new Figures { Fds = 200, Tcp = new TcpStateCounts { Established = 20 } },
            Client = new ClientSummary { RequestsOk = 2000, ConnectionsOpened = 20, ThroughputRps = 499.8, LatencyMs = new LatencySummary { P50 = 1, P99 = 4 } },
            ServerCpu = new ServerCpu { CpuSeconds = 0.13, WindowSeconds = 4.1, Requests = 2000, MsPerThousandRequests = 65 },
        };
        var c = Compare(shortRun, keepAlive);
        Assert.Equal(ComparisonStory.KeepAlive, c.Story);
        Assert.Null(c.Verdict.Holds);
        Assert.Equal(
            "At the same offered load (500 requests/s), keep-alive served 499.8 requests/s against 499.5 (+0.1%) with 4× less server CPU per request "
            + "(65 ms instead of 260 ms per 1,000 requests), 20 connections instead of 2,000 (5 a second instead of 500), TIME_WAIT 0 instead of 2,400 "
            + "(server side) and p99 4 ms instead of 12 ms.",
            c.Verdict.Headline);
        Assert.Contains(c.Verdict.Reasons, r => r.Text.Contains("on the server side (the side that closes first)", StringComparison.Ordinal));
        Assert.Contains(c.Verdict.Reasons, r => r.Text.StartsWith("Throughput at the same offered 500 requests/s: 499.5 requests/s", StringComparison.Ordinal));
        var tw = c.Figures.Single(f => f.Name == "peak TIME_WAIT, server side");
        Assert.Equal("−2400 (−100%)", tw.Change);
        Assert.Equal(ComparisonSide.B, tw.Better);
        var cpu = c.Figures.Single(f => f.Name == "server CPU per 1,000 requests");
        Assert.Equal((260, 65, ComparisonSide.B), (cpu.A!.Value, cpu.B!.Value, cpu.Better!.Value));
        var perSecond = c.Figures.Single(f => f.Name == "connections opened per second");
        Assert.Equal((500, 5), (perSecond.A!.Value, perSecond.B!.Value));
    }

    [Fact]
    public void ShortAgainstKeepAlive_WithTheSameWorkersFlatOut_SaysHowMuchMoreKeepAliveCarries()
    {
        var saturated = SyntheticRuns.Run("http10-saturate", ConnectionKind.Short) with
        {
            Load = SyntheticRuns.Run("x", ConnectionKind.Short).Load with { Model = LoadModelKind.Concurrency, Concurrency = 16 },
            Client = new ClientSummary { RequestsOk = 21_000, ConnectionsOpened = 21_000, ThroughputRps = 5250 },
            ServerCpu = new ServerCpu { CpuSeconds = 4.2, WindowSeconds = 4.1, Requests = 21_000, MsPerThousandRequests = 200 },
        };
        var keepAlive = SyntheticRuns.Run("http11-saturate", ConnectionKind.KeepAlive) with
        {
            Load = saturated.Load with { Connection = ConnectionKind.KeepAlive },
            Client = new ClientSummary { RequestsOk = 115_500, ConnectionsOpened = 16, ThroughputRps = 28_875 },
            ServerCpu = new ServerCpu { CpuSeconds = 4.6, WindowSeconds = 4.1, Requests = 115_500, MsPerThousandRequests = 40 },
        };

        var c = Compare(saturated, keepAlive);

        Assert.StartsWith(
            "With the same 16 workers back to back, keep-alive carried 5.5× the requests/s of short connections (28,875 against 5,250), with 5× less server CPU per request",
            c.Verdict.Headline,
            StringComparison.Ordinal);
        Assert.Equal(ComparisonSide.B, c.Figures.Single(f => f.Name == "throughput").Better);
        Assert.Contains(c.Verdict.Reasons, r => r.Text.Contains("with keep-alive: 5.5× as much", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryPair_ReportsServerCpuPerThousandRequests_AndASideWithoutAReading_IsNotMeasured_NeverZero()
    {
        var measured = SyntheticRuns.Fixed() with { ServerCpu = new ServerCpu { CpuSeconds = 0.5, WindowSeconds = 4, Requests = 1997, MsPerThousandRequests = 250.4 } };
        var unread = SyntheticRuns.Leak() with { ServerCpu = ServerCpu.Missing("no sample of the server during the load", 843) };

        var c = Compare(unread, measured);

        var cpu = c.Figures.Single(f => f.Name == "server CPU per 1,000 requests");
        Assert.Null(cpu.A);
        Assert.Equal(250.4, cpu.B);
        Assert.Equal("not measured in A", cpu.Change);
        Assert.Null(cpu.Better);
        Assert.Contains(c.Verdict.Reasons, r => r.Text == "Server CPU per 1,000 requests: not measured in A, 250.4 ms in B.");
    }

    [Fact]
    public void ARecordWrittenBeforeServerCpuWasKept_HasItMeasuredFromItsSamples()
    {
        Sample[] samples =
        [
            new() { Seconds = 0.1, Phase = SamplePhase.Baseline },
            new() { Seconds = 2.2, Phase = SamplePhase.Load, CpuPercent = 40 },
            new() { Seconds = 4.3, Phase = SamplePhase.Drain, CpuPercent = 20 },
        ];
        var old = SyntheticRuns.Fixed();
        Assert.Null(old.ServerCpu);

        var c = ComparisonJudge.Compare(new RunResult("/r/c/runs/a", old, samples, []), new RunResult("/r/c/runs/b", old, [], []), "/r/c");

        // 0.4 × 2.1 s + 0.2 × 2.1 s = 1.26 CPU s for 1,997 requests.
        var cpu = c.Figures.Single(f => f.Name == "server CPU per 1,000 requests");
        Assert.Equal(Math.Round(1.26 * 1e6 / 1997, 1), cpu.A);
        Assert.Null(cpu.B);
    }

    [Fact]
    public void EachRunInBrief_HasItsLabel_Headline_Load_AndADirectoryRelativeToTheComparison()
    {
        var c = ComparisonJudge.Compare(new RunResult("/r/c/runs/a", SyntheticRuns.Leak(), [], []), new RunResult("/elsewhere/b", SyntheticRuns.Fixed(), [], []), "/r/c");

        Assert.Equal("close-wait-leak", c.A.Scenario);
        Assert.Equal("runs/a", c.A.Directory);
        Assert.Equal("/elsewhere/b", c.B.Directory);
        Assert.Equal("CLOSE_WAIT leak: EMFILE 1.74 s after the load started", c.A.Headline);
        Assert.Equal("Healthy: nothing leaks", c.B.Headline);
        Assert.Equal("short connections, HTTP/1.1, 500 requests/s for 4 s", c.A.Load);
        Assert.Equal(DiagnosisKind.CloseWaitLeak, c.A.Diagnosis);
    }

    [Theory]
    [InlineData(100, 100, "same")]
    [InlineData(0, 12, "+12")]
    [InlineData(200, 150, "−50 (−25%)")]
    [InlineData(4, 5, "+1 (+25%)")]
    public void Change_SaysTheDifferenceAndItsShare(double a, double b, string expected) =>
        Assert.Equal(expected, ComparisonJudge.Change(a, b));

    [Fact]
    public void RunsOfUnequalWork_CallNoSideBetterOnCounts_AndCompareThemPerThousandRequests()
    {
        // As measured on a user's nginx: 2,000 short-connection requests against 178,863 keep-alive ones.
        var shortRun = SyntheticRuns.Run("http10-short", ConnectionKind.Short) with
        {
            Baseline = new Figures { Fds = 10 },
            Peak = new Figures { Fds = 13, Tcp = new TcpStateCounts { TimeWait = 2000 } },
            Client = new ClientSummary { RequestsOk = 2000, ConnectionsOpened = 2000, ThroughputRps = 500 },
        };
        var keepAlive = SyntheticRuns.Run("http11-keepalive", ConnectionKind.KeepAlive) with
        {
            Baseline = new Figures { Fds = 10, Tcp = new TcpStateCounts { TimeWait = 2000 } },
            Peak = new Figures { Fds = 27, Tcp = new TcpStateCounts { TimeWait = 2171 } },
            Client = new ClientSummary { RequestsOk = 178_863, ConnectionsOpened = 200, ThroughputRps = 44_715 },
        };

        var c = Compare(shortRun, keepAlive);

        var peak = Assert.Single(c.Figures, f => f.Name == "peak descriptors");
        Assert.Null(peak.Better);
        Assert.Equal("+14 (+107.7%); counts of unequal work, compared per 1,000 requests below", peak.Change);
        Assert.Null(Assert.Single(c.Figures, f => f.Name == "peak TIME_WAIT, server side").Better);
        Assert.Null(Assert.Single(c.Figures, f => f.Name == "requests ok").Better);

        // Fewer connections for more requests is better whatever the ratio.
        Assert.Equal(ComparisonSide.B, Assert.Single(c.Figures, f => f.Name == "connections opened").Better);
        var growth = Assert.Single(c.Figures, f => f.Name == "descriptor growth per 1,000 requests");
        Assert.Equal((1.5, 0.1), (growth.A!.Value, growth.B!.Value));
        Assert.Equal(ComparisonSide.B, growth.Better);
        var timeWait = Assert.Single(c.Figures, f => f.Name == "TIME_WAIT added per 1,000 requests, both sides");
        Assert.Equal((1000, 0.96), (timeWait.A!.Value, timeWait.B!.Value));
        var connections = Assert.Single(c.Figures, f => f.Name == "connections opened per 1,000 requests");
        Assert.Equal((1000, 1.12), (connections.A!.Value, connections.B!.Value));
        Assert.Equal(
            "The runs did unequal work: 2,000 requests in A, 178,863 in B. Their counts (descriptors, sockets, connections) are not compared; the figures per 1,000 requests are.",
            c.Verdict.Reasons[0].Text);
    }

    [Fact]
    public void RunsOfUnequalWork_KeepTheBetterOfALowerCount_OnTheSideThatServedMore()
    {
        // A leak stopped early at EMFILE served fewer requests than its fix, yet piled up more CLOSE_WAIT: the fix is better on both counts.
        var leak = SyntheticRuns.Leak() with { Client = SyntheticRuns.Leak().Client with { RequestsOk = 600, RequestsFailed = 0 } };
        var c = Compare(leak, SyntheticRuns.Fixed());

        var closeWait = Assert.Single(c.Figures, f => f.Name == "peak CLOSE_WAIT, server side");
        Assert.Equal(ComparisonSide.B, closeWait.Better);
        Assert.EndsWith("; lower although it served more requests", closeWait.Change, StringComparison.Ordinal);
        Assert.Null(Assert.Single(c.Figures, f => f.Name == "requests ok").Better);
    }

    [Fact]
    public void RunsOfAboutEqualWork_KeepTheirCountsComparedAsToday()
    {
        // 2,000 against 1,997 requests: within a tenth of each other.
        var c = Compare(SyntheticRuns.Leak(), SyntheticRuns.Fixed());
        Assert.Equal(ComparisonSide.B, Assert.Single(c.Figures, f => f.Name == "peak descriptors").Better);
        Assert.DoesNotContain(c.Figures, f => f.Name.Contains("per 1,000 requests", StringComparison.Ordinal) && f.Name != "server CPU per 1,000 requests");
        Assert.DoesNotContain(c.Verdict.Reasons, r => r.Text.Contains("unequal work", StringComparison.Ordinal));
    }

    private static ComparisonRecord Compare(RunRecord a, RunRecord b) =>
        ComparisonJudge.Compare(new RunResult("/r/c/runs/a", a, [], []), new RunResult("/r/c/runs/b", b, [], []), "/r/c");
}
