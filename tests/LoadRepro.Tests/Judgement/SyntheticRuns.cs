using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Judgement;

/// <summary>Run records built by hand, for renderers and the comparison judge.</summary>
internal static class SyntheticRuns
{
    public static RunRecord Leak() => Run("close-wait-leak", ConnectionKind.Short) with
    {
        Peak = new Figures { Fds = 1023, Tcp = new TcpStateCounts { CloseWait = 1360, Established = 500 } },
        Final = new Figures { Fds = 1023, Tcp = new TcpStateCounts { CloseWait = 1356 } },
        Client = new ClientSummary { RequestsOk = 843, RequestsFailed = 1157, ConnectionsOpened = 1356, ThroughputRps = 168.5, LatencyMs = new LatencySummary { P50 = 5, P99 = 88 } },
        Exhaustion = new ExhaustionInfo { Reached = true, FirstAtSeconds = 1.74, Evidence = ["descriptors reached 1023 of the limit 1024 at 1.78 s"] },
        Diagnosis = new DiagnosisInfo { Kind = DiagnosisKind.CloseWaitLeak, Summary = "CLOSE_WAIT rose.", ProjectedExhaustionSeconds = 1.7, LeakRatePerSecond = 497.7 },
    };

    public static RunRecord Fixed(int peakCloseWait = 3, int finalCloseWait = 0, double throughput = 499) => Run("close-wait-fixed", ConnectionKind.Short) with
    {
        Peak = new Figures { Fds = 200, Tcp = new TcpStateCounts { CloseWait = peakCloseWait, Established = 16 }, ClientTcp = new TcpStateCounts { TimeWait = 1894 } },
        Final = new Figures { Fds = 180, Tcp = new TcpStateCounts { CloseWait = finalCloseWait } },
        Client = new ClientSummary { RequestsOk = 1997, ConnectionsOpened = 1997, ThroughputRps = throughput, LatencyMs = new LatencySummary { P50 = 4.4, P99 = 53 } },
    };

    public static RunRecord Run(string name, ConnectionKind connection) => new()
    {
        Scenario = name,
        StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Target = new TargetInfo { Kind = TargetKind.Embedded, Url = "http://127.0.0.1:5000/", Pid = 42, MaxFds = 1024 },
        Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = KeepAliveMode.On },
        Load = new LoadInfo { Model = LoadModelKind.Rate, Connection = connection, Http = "1.1", Rate = 500, DurationSeconds = 4 },
        Client = new ClientSummary(),
        Samples = new SampleInfo { Count = 3, IntervalMs = 100 },
        Phases = new PhaseTimes { LoadStartSeconds = 0.2, LoadStopSeconds = 4.2 },
        Baseline = new Figures { Fds = 180 },
        Peak = new Figures { Fds = 180 },
        Final = new Figures { Fds = 180 },
        Exhaustion = new ExhaustionInfo(),
        Diagnosis = new DiagnosisInfo { Kind = DiagnosisKind.Healthy, Summary = "Nothing leaks." },
        Passed = true,
    };

    public static IReadOnlyList<Sample> Samples(Func<double, int> closeWait) =>
        Enumerable.Range(0, 50).Select(i => i / 10.0).Select(t => new Sample
        {
            Seconds = t,
            Phase = t < 0.2 ? SamplePhase.Baseline : t <= 4.2 ? SamplePhase.Load : SamplePhase.Drain,
            Fds = 180 + closeWait(t),
            SocketFds = 2 + closeWait(t),
            OtherFds = 178,
            FdLimit = 1024,
            Tcp = new TcpStateCounts { CloseWait = closeWait(t), Listen = 1 },
        }).ToList();
}
