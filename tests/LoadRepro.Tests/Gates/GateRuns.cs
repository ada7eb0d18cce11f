using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Gates;

/// <summary>
/// Run records for the gate tests: a healthy run that each test changes only in the figures its gate reads,
/// so a result that moves can only have moved because of those figures.
/// </summary>
internal static class GateRuns
{
    public static RunRecord Healthy() => new()
    {
        Scenario = "gate-test",
        StartedAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero),
        Target = new TargetInfo { Kind = TargetKind.Embedded, Url = "http://127.0.0.1:5000/", Pid = 42, MaxFds = 1024 },
        Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = KeepAliveMode.On },
        Load = new LoadInfo { Model = LoadModelKind.Rate, Connection = ConnectionKind.Short, Http = "1.1", Rate = 100, DurationSeconds = 2 },
        Client = new ClientSummary { RequestsOk = 200, ConnectionsOpened = 200, ThroughputRps = 100, LatencyMs = new LatencySummary { P50 = 2, P99 = 10 } },
        Samples = new SampleInfo { Count = 20, IntervalMs = 100 },
        Phases = new PhaseTimes { LoadStartSeconds = 0.2, LoadStopSeconds = 2.2 },
        Baseline = new Figures { Fds = 180 },
        Peak = new Figures { Fds = 182, Tcp = new TcpStateCounts { Established = 4, Listen = 1 } },
        Final = new Figures { Fds = 180 },
        Exhaustion = new ExhaustionInfo(),
        Diagnosis = new DiagnosisInfo { Kind = DiagnosisKind.Healthy, Summary = "Nothing leaks." },
    };

    public static RunRecord WithDiagnosis(this RunRecord run, DiagnosisKind kind) =>
        run with { Diagnosis = run.Diagnosis with { Kind = kind } };

    public static RunRecord WithExhaustion(this RunRecord run, bool reached) =>
        run with { Exhaustion = new ExhaustionInfo { Reached = reached } };

    public static RunRecord WithPeakCloseWait(this RunRecord run, int server, int client = 0) =>
        run with
        {
            Peak = run.Peak with
            {
                Tcp = run.Peak.Tcp with { CloseWait = server },
                ClientTcp = run.Peak.ClientTcp with { CloseWait = client },
            },
        };

    public static RunRecord WithPeakTimeWait(this RunRecord run, int server, int client) =>
        run with
        {
            Peak = run.Peak with
            {
                Tcp = run.Peak.Tcp with { TimeWait = server },
                ClientTcp = run.Peak.ClientTcp with { TimeWait = client },
            },
        };

    public static RunRecord WithFds(this RunRecord run, int baseline, int peak) =>
        run with { Baseline = run.Baseline with { Fds = baseline }, Peak = run.Peak with { Fds = peak } };

    public static RunRecord WithRequests(this RunRecord run, long ok, long failed) =>
        run with { Client = run.Client with { RequestsOk = ok, RequestsFailed = failed } };

    public static RunRecord WithP99(this RunRecord run, double ms) =>
        run with { Client = run.Client with { LatencyMs = run.Client.LatencyMs with { P99 = ms } } };
}
