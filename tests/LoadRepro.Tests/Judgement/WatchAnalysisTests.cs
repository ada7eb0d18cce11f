using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;

namespace LoadRepro.Tests.Judgement;

/// <summary>watch's judgement: trends over the last seconds, the projection to the limit, the diagnosis; no process involved.</summary>
public sealed class WatchAnalysisTests
{
    [Fact]
    public void GrowingCloseWait_IsProjectedToTheLimit_AndDiagnosedAsALeak()
    {
        // 20 CLOSE_WAIT a second on the port, each holding a descriptor, from 200 descriptors toward 1024.
        var samples = Series(t => 20 * t);

        var frame = WatchAnalysis.Analyze(samples, byPort: true);

        Assert.Equal(20, frame.Trends.CloseWait, 1);
        Assert.Equal(20, frame.Trends.Fds, 1);
        var last = samples[^1];
        Assert.Equal((1024.0 - last.Fds) / 20, WatchAnalysis.SecondsToLimit(last, frame.Trends)!.Value, 0);
        Assert.StartsWith("CLOSE_WAIT grow by 20/s: at this rate the limit of 1024 descriptors is reached in about", frame.Projection, StringComparison.Ordinal);
        Assert.Equal(DiagnosisKind.CloseWaitLeak, frame.DiagnosisKind);
    }

    [Fact]
    public void APileThatStandsFromTheFirstSample_IsTheFinding_NotSomethingThatWasAlreadyThere()
    {
        // watch loads nothing: there is no "before the load" to subtract, and the line must not say the pile predates it.
        var frame = WatchAnalysis.Analyze(Series(t => 300 + (20 * t)), byPort: true);

        Assert.Equal(DiagnosisKind.CloseWaitLeak, frame.DiagnosisKind);
        Assert.StartsWith("CLOSE_WAIT rose to 500", frame.DiagnosisLine, StringComparison.Ordinal);
    }

    [Fact]
    public void AFlatProcess_HasNoProjection_AndIsHealthy()
    {
        var frame = WatchAnalysis.Analyze(Series(_ => 3), byPort: true);

        Assert.Null(frame.Projection);
        Assert.Equal(0, frame.Trends.Fds);
        Assert.Equal(DiagnosisKind.Healthy, frame.DiagnosisKind);
    }

    [Fact]
    public void GrowthBelowHalfADescriptorASecond_IsNoise_NotALeakToProject()
    {
        var frame = WatchAnalysis.Analyze(Series(t => 0.3 * t), byPort: true);

        Assert.Null(frame.Projection);
    }

    [Fact]
    public void WithoutAPort_TheProcesssOwnSocketsCount_AndTimeWaitIsTheNamespacesSockstat()
    {
        var samples = Series(t => 10 * t).Select(s => s with
        {
            OwnedTcp = s.Tcp,
            Tcp = TcpStateCounts.Empty,
            Sockstat = SockstatCounts.Empty with { TimeWait = 77 },
        }).ToList();

        var frame = WatchAnalysis.Analyze(samples, byPort: false);

        Assert.Equal(samples[^1].OwnedTcp.CloseWait, frame.CloseWait);
        Assert.Equal(77, frame.TimeWait);
        Assert.Equal(10, frame.Trends.CloseWait, 1);
    }

    private static List<Sample> Series(Func<double, double> closeWait) =>
        Enumerable.Range(0, 41).Select(i => i / 4.0).Select(t =>
        {
            var cw = (int)closeWait(t);
            return new Sample { Seconds = t, Phase = SamplePhase.Load, Fds = 200 + cw, SocketFds = 20 + cw, OtherFds = 180, FdLimit = 1024, Tcp = new TcpStateCounts { CloseWait = cw, Listen = 1 } };
        }).ToList();
}
