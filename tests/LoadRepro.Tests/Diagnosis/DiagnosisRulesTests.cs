using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Records;

namespace LoadRepro.Tests.Diagnosis;

public sealed class DiagnosisRulesTests
{
    private const int Baseline = 180;

    [Fact]
    public void CloseWaitThatGrowsAndStays_IsACloseWaitLeak_WithProjection()
    {
        var samples = Series(t => t < 1 ? 0 : t <= 3 ? (int)((t - 1) * 300) : 600);
        var d = Diagnose(samples);
        Assert.Equal(DiagnosisKind.CloseWaitLeak, d.Kind);
        Assert.Contains("CLOSE_WAIT", d.Summary, StringComparison.Ordinal);
        Assert.NotNull(d.LeakRatePerSecond);
        Assert.InRange(d.LeakRatePerSecond!.Value, 250, 350);
        Assert.InRange(d.ProjectedExhaustionSeconds!.Value, (1024 - Baseline) / 350.0, (1024 - Baseline) / 250.0);
    }

    [Fact]
    public void TargetThatDiesHoldingCloseWait_IsStillACloseWaitLeak()
    {
        var samples = Series(t => t < 1 ? 0 : (int)Math.Min((t - 1) * 400, 840));
        samples = samples.Where(s => s.Seconds <= 3.5).ToList();
        samples[^1] = samples[^1] with { Fds = 200, SocketFds = 20, Tcp = new TcpStateCounts { CloseWait = 12 } };
        samples.Add(new Sample { Seconds = 3.6, Phase = SamplePhase.Load, Alive = false });
        Assert.Equal(DiagnosisKind.CloseWaitLeak, Diagnose(samples).Kind);
    }

    [Fact]
    public void FastLeakCaughtByOnlyTwoReadingsOnTheWayUp_StillHasARate_FromTheLastBaselineReading()
    {
        // As on a busy machine: one baseline reading, one reading on the way up, then the limit.
        var sparse = Series(t => t < 1 ? 0 : Math.Min((int)((t - 1) * 480), 843))
            .Where(s => s.Seconds is 0.5 or 1.3 or 2.8 or 3.5 or 4.5 or 5.5)
            .ToList();
        var d = Diagnose(sparse);
        Assert.Equal(DiagnosisKind.CloseWaitLeak, d.Kind);
        Assert.NotNull(d.LeakRatePerSecond);
        Assert.InRange(d.LeakRatePerSecond!.Value, 300, 700);
    }

    [Fact]
    public void LeakOnOnePathAmongHealthyTraffic_LeavesLessThanItsPeak_ButWhatItLeavesStays_IsACloseWaitLeak()
    {
        // 300 in flight at the peak (healthy connections between the client's FIN and the server's close()), 114 leaked:
        // the drain keeps 38% of the peak, flat.
        var samples = Series(t => t < 1 ? 0 : t <= 4 ? 300 : 114);
        var d = Diagnose(samples);
        Assert.Equal(DiagnosisKind.CloseWaitLeak, d.Kind);
        Assert.Contains("114 were still there after the load stopped", d.Summary, StringComparison.Ordinal);

        // The same pile still falling at the end (a slow close, a queue) is not called a leak.
        Assert.NotEqual(DiagnosisKind.CloseWaitLeak, Diagnose(Series(t => t < 1 ? 0 : t <= 4 ? 300 : (int)(114 * (6.2 - t)))).Kind);
    }

    [Fact]
    public void CloseWaitBumpThatDrains_IsHealthy()
    {
        var samples = Series(t => t is > 1 and < 3 ? 50 : 0);
        Assert.Equal(DiagnosisKind.Healthy, Diagnose(samples).Kind);
    }

    [Fact]
    public void ServerSideTimeWaitWithFlatDescriptors_IsTimeWaitAccumulation()
    {
        var samples = Series(_ => 0, timeWait: t => (int)(t * 400));
        var d = Diagnose(samples);
        Assert.Equal(DiagnosisKind.TimeWaitAccumulation, d.Kind);
        Assert.Contains("holds no descriptor", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ClientSideTimeWaitOnly_IsHealthy_AndSaysWhere()
    {
        var samples = Series(_ => 0, clientTimeWait: t => (int)(t * 400));
        var d = Diagnose(samples);
        Assert.Equal(DiagnosisKind.Healthy, d.Kind);
        Assert.Contains("client side", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void OtherDescriptorsGrowingWithFlatSockets_IsANonSocketLeak()
    {
        var samples = Series(_ => 0, other: t => t < 1 ? 0 : (int)(t * 100));
        Assert.Equal(DiagnosisKind.FdLeakNonSocket, Diagnose(samples).Kind);
    }

    [Fact]
    public void ClientRanOutOfPorts_IsPortExhaustion()
    {
        var d = DiagnosisRules.Diagnose(new DiagnosisInput
        {
            Samples = Series(_ => 0),
            LoadStartSeconds = 1,
            LoadStopSeconds = 4,
            FdLimit = 1024,
            Client = new ClientSummary { Errors = new Dictionary<string, long> { ["EADDRNOTAVAIL"] = 12 } },
        });
        Assert.Equal(DiagnosisKind.PortExhaustion, d.Kind);
    }

    [Fact]
    public void Exhaustion_NeedsEvidence_DescriptorsAtTheLimit()
    {
        var atLimit = Series(t => t < 2 ? (int)(t * 400) : 843);
        var e = ExhaustionDetector.Detect(new ExhaustionEvidence { Samples = atLimit, LoadStartSeconds = 1 });
        Assert.True(e.Reached);
        Assert.NotNull(e.FirstAtSeconds);

        var below = Series(t => (int)(t * 10));
        Assert.False(ExhaustionDetector.Detect(new ExhaustionEvidence { Samples = below, LoadStartSeconds = 1 }).Reached);
    }

    [Theory]
    [InlineData("the server command exited by itself with code 134; its last output: Out of memory.", true)]
    [InlineData("the server command exited by itself with code 1; its last output: listen failed", false)]
    public void Exhaustion_ServerDeadAtTheLimit_NamesTheRuntimesAbortForWhatItIs(string reason, bool abort)
    {
        var e = ExhaustionDetector.Detect(new ExhaustionEvidence
        {
            Samples = Series(t => t <= 3.2 ? (int)(t * 260) : 0).Select(s => s.Seconds > 3.2 ? s with { Alive = false } : s).ToList(),
            LoadStartSeconds = 1,
            ServerExitedAtSeconds = 3.2,
            ServerExitCode = abort ? 134 : 1,
            ServerExitReason = reason,
        });
        Assert.True(e.Reached);
        var died = Assert.Single(e.Evidence, line => line.StartsWith("the server died", StringComparison.Ordinal));
        Assert.Equal(abort, died.Contains("not a lack of memory", StringComparison.Ordinal));
    }

    [Fact]
    public void Exhaustion_AcceptFailureInTheLog_CountsAsEvidence_WithItsTime()
    {
        var e = ExhaustionDetector.Detect(new ExhaustionEvidence
        {
            Samples = Series(_ => 0),
            LoadStartSeconds = 1,
            FirstAcceptFailure = new AcceptFailure(2.5, "EMFILE"),
            AcceptFailures = 40,
        });
        Assert.True(e.Reached);
        Assert.Equal(1.5, e.FirstAtSeconds);
        Assert.Contains("EMFILE", e.Evidence[0], StringComparison.Ordinal);
    }

    [Fact]
    public void CloseWaitLeak_PutsTheMeasuredTimeToEmfileBesideThePrediction()
    {
        var samples = Series(t => t < 1 ? 0 : t <= 3 ? (int)((t - 1) * 300) : 600);
        var d = DiagnosisRules.Diagnose(Input(samples) with { ExhaustionSeconds = 2.75 });
        Assert.Equal(DiagnosisKind.CloseWaitLeak, d.Kind);
        Assert.Contains("Measured: EMFILE 2.75 s after the load started", d.Summary, StringComparison.Ordinal);
        Assert.Contains("the limit of 1024 is reached about", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void CloseWaitLeakAtTheLimit_CountsTheConnectionsNeverAccepted_ThatTheProcessDoesNotOwn()
    {
        var samples = Series(t => t < 1 ? 0 : t <= 3 ? (int)((t - 1) * 300) : 600);
        samples = samples.Select(s => s with { OwnedTcp = new TcpStateCounts { CloseWait = Math.Min(s.Tcp.CloseWait, 450) } }).ToList();

        var d = DiagnosisRules.Diagnose(Input(samples) with { ExhaustionSeconds = 2.75 });

        Assert.Contains("150 of the 600 CLOSE_WAIT sockets were never accepted", d.Summary, StringComparison.Ordinal);

        // Without exhaustion there is no failed accept() to blame, and without owner data the split is unknown: nothing is said.
        Assert.DoesNotContain("never accepted", DiagnosisRules.Diagnose(Input(samples)).Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("never accepted", DiagnosisRules.Diagnose(Input(Series(t => t < 1 ? 0 : t <= 3 ? (int)((t - 1) * 300) : 600)) with { ExhaustionSeconds = 2.75 }).Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void ServerThatDiedAtItsLimitWithCloseWaitPiledUp_IsACloseWaitLeak_EvenWithoutADrain()
    {
        var dying = Series(t => t < 1 ? 0 : (int)((t - 1) * 400))
            .Select(s => s.Seconds switch
            {
                > 3 => s with { Alive = false, Fds = 0, SocketFds = 0, OtherFds = 0, Tcp = TcpStateCounts.Empty },
                > 2.9 => s with { Fds = 0, SocketFds = 0, OtherFds = 0, Tcp = TcpStateCounts.Empty },
                _ => s,
            })
            .ToList();
        var d = DiagnosisRules.Diagnose(Input(dying) with { ExhaustionSeconds = 1.9 });
        Assert.Equal(DiagnosisKind.CloseWaitLeak, d.Kind);
        Assert.Contains("took the server to its descriptor limit", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void CloseWaitPileWithoutAnySampleAfterTheLoad_SaysItCannotTell_InsteadOfCallingItALeak()
    {
        var samples = Series(t => t < 1 ? 0 : (int)((t - 1) * 100)).Where(s => s.Seconds <= 4).ToList();
        var d = Diagnose(samples);
        Assert.NotEqual(DiagnosisKind.CloseWaitLeak, d.Kind);
        Assert.Contains("whether it drains is unknown", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeWaitStillRisingWhenAShortLoadStops_IsCalledAPrediction_NotAPlateau()
    {
        var samples = Series(_ => 0, timeWait: t => t < 1 ? 0 : (int)(Math.Min(t, 4) - 1) * 500);
        var d = Diagnose(samples);
        Assert.Equal(DiagnosisKind.TimeWaitAccumulation, d.Kind);
        Assert.False(d.TimeWaitPlateauReached);
        Assert.Equal(30_000, d.CloseRatePerSecond!.Value * 60, 0.5);
        Assert.Equal(28_232, d.PredictedTimeWait);
        Assert.Contains("still rising", d.Summary, StringComparison.Ordinal);
        Assert.Contains("a prediction, not a measurement", d.Summary, StringComparison.Ordinal);
        Assert.Contains("capped by the 28232 ports", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void TimeWaitHeldLevelByThePortRange_IsAPlateau_MatchingThePrediction()
    {
        var samples = Series(_ => 0, timeWait: t => t < 1 ? 0 : (int)(Math.Min(t - 1, 1.5) * 800));
        var d = DiagnosisRules.Diagnose(Input(samples) with { PortRangeSize = 1200 });
        Assert.Equal(DiagnosisKind.TimeWaitAccumulation, d.Kind);
        Assert.True(d.TimeWaitPlateauReached);
        Assert.Equal(1200, d.MeasuredTimeWait);
        Assert.Equal(1200, d.PredictedTimeWait);
        Assert.Contains("levelled off at 1200; predicted about 1200", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void IdleEstablishedConnectionsThatStayAfterTheLoad_AreAnEstablishedLeak_PointingAtTheIdleTimeout()
    {
        var samples = Series(_ => 0, established: t => t < 1 ? 0 : (int)(Math.Min(t - 1, 2) * 100));
        var d = Diagnose(samples);
        Assert.Equal(DiagnosisKind.EstablishedLeak, d.Kind);
        Assert.Contains("idle timeout", d.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void IdleEstablishedConnectionsThatCloseAfterTheLoad_AreHealthy()
    {
        var samples = Series(_ => 0, established: t => t is >= 1 and <= 4 ? 200 : 0);
        Assert.Equal(DiagnosisKind.Healthy, Diagnose(samples).Kind);
    }

    [Fact]
    public void NonSocketLeak_ProjectsTimeToEmfileFromItsRate()
    {
        var samples = Series(_ => 0, other: t => t < 1 ? 0 : (int)((Math.Min(t, 4) - 1) * 50));
        var d = Diagnose(samples);
        Assert.Equal(DiagnosisKind.FdLeakNonSocket, d.Kind);
        Assert.InRange(d.LeakRatePerSecond!.Value, 45, 55);
        Assert.InRange(d.ProjectedExhaustionSeconds!.Value, (1024 - Baseline) / 55.0, (1024 - Baseline) / 45.0);
    }

    private static DiagnosisInfo Diagnose(IReadOnlyList<Sample> samples) => DiagnosisRules.Diagnose(Input(samples));

    private static DiagnosisInput Input(IReadOnlyList<Sample> samples) => new()
    {
        Samples = samples,
        LoadStartSeconds = 1,
        LoadStopSeconds = 4,
        FdLimit = 1024,
        Client = new ClientSummary { ConnectionsOpened = 1500 },
    };

    /// <summary>Samples every 100 ms for 6 s (load from 1 s to 4 s); CLOSE_WAIT sockets each hold a descriptor.</summary>
    private static List<Sample> Series(Func<double, int> closeWait, Func<double, int>? other = null, Func<double, int>? timeWait = null, Func<double, int>? clientTimeWait = null, Func<double, int>? established = null)
    {
        var list = new List<Sample>();
        for (var i = 0; i <= 60; i++)
        {
            var t = i / 10.0;
            var cw = closeWait(t);
            var o = other?.Invoke(t) ?? 0;
            var est = established?.Invoke(t) ?? 0;
            list.Add(new Sample
            {
                Seconds = t,
                Phase = t < 1 ? SamplePhase.Baseline : t <= 4 ? SamplePhase.Load : SamplePhase.Drain,
                Fds = Baseline + cw + o + est,
                SocketFds = 2 + cw + est,
                OtherFds = Baseline - 2 + o,
                FdLimit = 1024,
                Tcp = new TcpStateCounts { CloseWait = cw, Listen = 1, Established = est, TimeWait = timeWait?.Invoke(t) ?? 0 },
                ClientTcp = new TcpStateCounts { TimeWait = clientTimeWait?.Invoke(t) ?? 0 },
            });
        }

        return list;
    }
}
