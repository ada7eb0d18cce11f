using LoadRepro.Core.Diagnosis;
using LoadRepro.Core.Judgement;
using LoadRepro.Core.Modes;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Judgement;

/// <summary>The one run judge, on measurements made up in the test: nothing runs, nothing is read.</summary>
public sealed class RunJudgementTests
{
    private static readonly ScenarioDefinition Leak = new()
    {
        Name = "close-wait-leak",
        Server = new ServerSettings { MaxFds = 1024 },
        Load = new LoadSettings { Model = LoadModelKind.Rate, Rate = 250, Duration = TimeSpan.FromSeconds(6), MaxRequests = 20000 },
        Expect = new ExpectSettings { Diagnosis = "close-wait-leak", Exhaustion = true, MaxCloseWait = 5 },
    };

    private static readonly ScenarioDefinition KeepAlive = Leak with
    {
        Name = "http11-keepalive",
        Load = Leak.Load with { Connection = ConnectionKind.KeepAlive },
        Expect = new ExpectSettings { MaxTimeWait = 500 },
    };

    [Fact]
    public void ALeakThatReachesTheLimit_IsDiagnosed_WithTheServersFirstAcceptFailure_AndItsGatesJudged()
    {
        // CLOSE_WAIT grows by 250/s from 0.2 s and never drains; the server reported EMFILE 3.4 s into the run.
        var samples = SyntheticRuns.Samples(t => t < 0.2 ? 0 : Math.Min(843, (int)((t - 0.2) * 250)));
        var record = RunJudgement.Judge(Measurements(samples) with
        {
            FirstAcceptFailure = new AcceptFailure(3.4, "EMFILE"),
            Server = new ServerOutcome { Bug = BugMode.IgnorePeerFin, KeepAlive = KeepAliveMode.On, AcceptErrors = new Dictionary<string, long> { ["EMFILE"] = 120 } },
        });

        Assert.Equal(DiagnosisKind.CloseWaitLeak, record.Diagnosis.Kind);
        Assert.True(record.Exhaustion.Reached);
        Assert.Equal(3.2, record.Exhaustion.FirstAtSeconds!.Value, 2);
        Assert.Contains(record.Exhaustion.Evidence, e => e.StartsWith("the server reported 120 failed accept() calls with EMFILE", StringComparison.Ordinal));
        Assert.Equal(843, record.Peak.Tcp.CloseWait);
        Assert.Equal(180, record.Baseline.Fds);
        Assert.Equal(["diagnosis", "exhaustion", "maxCloseWait"], record.Gates.Select(g => g.Name));
        Assert.Equal([true, true, false], record.Gates.Select(g => g.Passed));
        Assert.False(record.Passed);
    }

    [Fact]
    public void WhatTheRunCarried_PassesIntoTheRecord_HostSourceAndLimit()
    {
        var host = new HostInfo { Kernel = "6.1.0-test", Sysctls = new Dictionary<string, string>(), ClientFdLimit = "1048576 / 1048576" };
        var record = RunJudgement.Judge(Measurements(SyntheticRuns.Samples(_ => 0)) with { Host = host, SampleSource = SocketSourceKind.Netlink });

        Assert.Same(host, record.Host);
        Assert.Equal(SocketSourceKind.Netlink, record.Samples.Source);
        Assert.Equal(1024, record.Target.MaxFds);
        Assert.Null(record.Lab);
        Assert.Equal(DiagnosisKind.Healthy, record.Diagnosis.Kind);
    }

    [Fact]
    public void ALabRunWhoseClientRanOutOfPorts_GetsThePredictionBesideTheMeasurement_AndTheDiagnosisExplainsIt()
    {
        var samples = SyntheticRuns.Samples(_ => 0).Select(s => s with { ClientTcp = new TcpStateCounts { TimeWait = s.Seconds < 0.2 ? 0 : 1000 } }).ToList();
        var scenario = Leak with { Name = "port-exhaustion", Expect = new ExpectSettings(), Load = Leak.Load with { Rate = 500, Duration = TimeSpan.FromSeconds(3) } };
        var record = RunJudgement.Judge(Measurements(samples) with
        {
            Scenario = scenario,
            Client = new ClientSummary { RequestsOk = 1000, RequestsFailed = 500, ConnectionsOpened = 1000, ThroughputRps = 333, Errors = new Dictionary<string, long> { ["EADDRNOTAVAIL"] = 500 } },
            PortRangeSize = 1000,
            ClientPorts = new ClientPortPath { PortsPerTuple = 1000, Loopback = false },
            Lab = new LabInfo { Profile = "short-port-range", Network = LabNetworkKind.Veth, ServerNamespace = "lr-1-srv", ClientNamespace = "lr-1-cli" },
        });

        var ports = record.Lab!.PortExhaustion!;
        Assert.Equal(1000, ports.PredictedConnections);
        Assert.Equal(500, ports.AddressNotAvailable);
        Assert.EndsWith(ports.Reason, record.Diagnosis.Summary, StringComparison.Ordinal);
        Assert.Equal("short-port-range", record.Lab.Profile);
    }

    [Fact]
    public void ALabRunWhereTheServerClosedFirst_KeepsItsDiagnosisWords_PortsAreNotItsStory()
    {
        var samples = SyntheticRuns.Samples(_ => 0).Select(s => s with { Tcp = s.Tcp with { TimeWait = s.Seconds < 0.2 ? 0 : 1500 } }).ToList();
        var measurements = Measurements(samples) with
        {
            Scenario = Leak with { Name = "http10-short", Expect = new ExpectSettings() },
            Client = new ClientSummary { RequestsOk = 1500, ConnectionsOpened = 1500, ThroughputRps = 500 },
        };
        var onHost = RunJudgement.Judge(measurements);
        var inLab = RunJudgement.Judge(measurements with
        {
            ClientPorts = new ClientPortPath { PortsPerTuple = 28232, Loopback = false },
            Lab = new LabInfo { Profile = "kernel-default", Network = LabNetworkKind.Veth, ServerNamespace = "lr-1-srv", ClientNamespace = "lr-1-cli" },
        });

        Assert.Equal(onHost.Diagnosis.Summary, inLab.Diagnosis.Summary);
        Assert.NotNull(inLab.Lab!.PortExhaustion);
    }

    [Fact]
    public void ARunInterruptedBeforeTheServerWasReady_IsStillARecord_WithNothingMeasured()
    {
        var record = RunJudgement.Judge(Measurements([]) with { Interrupted = true, Client = new ClientSummary() });

        Assert.True(record.Interrupted);
        Assert.Equal(0, record.Samples.Count);
        Assert.False(record.Exhaustion.Reached);
        Assert.Equal(0, record.Peak.Fds);
    }

    [Fact]
    public void AServerThatDiedMidRun_FailsTheRun_EvenWhenEveryGateHolds_AndTheResultSaysWhy()
    {
        var healthy = Leak with { Name = "close-wait-fixed", Expect = new ExpectSettings { Diagnosis = "healthy", Exhaustion = false } };
        const string why = "exited by itself with code 137; last stderr: ";
        var record = RunJudgement.Judge(Measurements(SyntheticRuns.Samples(_ => 0)) with
        {
            Scenario = healthy,
            Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = KeepAliveMode.On, Exited = true, ExitCode = 137, ExitReason = why },
            ServerExitedAtSeconds = 2.0,
        });

        Assert.Equal([true, true], record.Gates.Where(g => g.Name != "serverSurvived").Select(g => g.Passed));
        var survived = Assert.Single(record.Gates, g => g.Name == "serverSurvived");
        Assert.False(survived.Passed);
        Assert.Equal("the server runs until the run stops it", survived.Limit);
        Assert.Equal(why, survived.Actual);
        Assert.False(record.Passed);
    }

    [Fact]
    public void AServerThatDiedWithoutAnyGateSet_StillFailsTheRun()
    {
        var record = RunJudgement.Judge(Measurements(SyntheticRuns.Samples(_ => 0)) with
        {
            Scenario = Leak with { Expect = new ExpectSettings() },
            Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = KeepAliveMode.On, Exited = true, ExitCode = 1 },
            ServerExitedAtSeconds = 2.0,
        });

        var survived = Assert.Single(record.Gates);
        Assert.Equal("serverSurvived", survived.Name);
        Assert.Equal("exited by itself with code 1", survived.Actual);
        Assert.False(record.Passed);
    }

    [Fact]
    public void AServerThatDiedOfTheEmfileItsScenarioExpects_PassesThatResult_AndIsStillShownAsExited()
    {
        // A user's server (--target) that crashes at its descriptor limit: the scenario expects EMFILE, and this is it.
        var samples = SyntheticRuns.Samples(t => t < 0.2 ? 0 : Math.Min(843, (int)((t - 0.2) * 250)));
        var record = RunJudgement.Judge(Measurements(samples) with
        {
            Scenario = Leak with { Expect = new ExpectSettings { Diagnosis = "close-wait-leak", Exhaustion = true } },
            Server = new ServerOutcome { Bug = null, KeepAlive = null, Exited = true, ExitCode = 134, ExitReason = "the target process exited during the run" },
            ServerExitedAtSeconds = 4.0,
        });

        Assert.True(record.Exhaustion.Reached);
        var survived = Assert.Single(record.Gates, g => g.Name == "serverSurvived");
        Assert.True(survived.Passed);
        Assert.Contains("dies of the EMFILE the scenario expects", survived.Limit, StringComparison.Ordinal);
        Assert.True(record.Passed);
    }

    [Fact]
    public void AServerThatDiedBeforeTheEmfileItsScenarioExpects_FailsTheRun()
    {
        var record = RunJudgement.Judge(Measurements(SyntheticRuns.Samples(_ => 0)) with
        {
            Scenario = Leak with { Expect = new ExpectSettings { Exhaustion = true } },
            Server = new ServerOutcome { Bug = BugMode.IgnorePeerFin, KeepAlive = KeepAliveMode.On, Exited = true, ExitCode = 137, ExitReason = "exited by itself with code 137" },
            ServerExitedAtSeconds = 1.0,
        });

        Assert.False(record.Exhaustion.Reached);
        Assert.False(Assert.Single(record.Gates, g => g.Name == "serverSurvived").Passed);
        Assert.False(record.Passed);
    }

    [Fact]
    public void AServerTheRunStopped_AddsNoSurvivalResult()
    {
        var record = RunJudgement.Judge(Measurements(SyntheticRuns.Samples(_ => 0)) with { Scenario = Leak with { Expect = new ExpectSettings() } });

        Assert.Empty(record.Gates);
        Assert.True(record.Passed);
    }

    [Fact]
    public void TimeWaitLeftByAnEarlierRun_IsNotThisRunsOwn_InTheDiagnosisOrTheGate_AndTheSummarySaysItWasThere()
    {
        // Back to back on one port: 2,000 TIME_WAIT from the previous run (they last 60 s); this keep-alive run adds 171.
        var record = RunJudgement.Judge(Measurements(ServerTimeWait(before: 2000, added: 171)) with { Scenario = KeepAlive });

        Assert.StartsWith(
            "2,000 TIME_WAIT on the server side were already on port 1 when the load started (left by earlier connections, such as an earlier run's: TIME_WAIT lasts 60 s); the figures that follow are what this run added. ",
            record.Diagnosis.Summary,
            StringComparison.Ordinal);
        Assert.Contains("TIME_WAIT on the server's port peaked at 171 ", record.Diagnosis.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("2171", record.Diagnosis.Summary, StringComparison.Ordinal);
        Assert.Equal(171, record.Diagnosis.MeasuredTimeWait);
        var gate = Assert.Single(record.Gates);
        Assert.Equal("171 (2171 peak − 2000 already there)", gate.Actual);
        Assert.True(gate.Passed);
        Assert.True(record.Passed);

        // Had the run added only a handful, the earlier run's pile alone would not make it a TIME_WAIT diagnosis.
        var few = RunJudgement.Judge(Measurements(ServerTimeWait(before: 2000, added: 40)) with { Scenario = KeepAlive });
        Assert.Equal(DiagnosisKind.Healthy, few.Diagnosis.Kind);
    }

    [Fact]
    public void TimeWaitThatThisRunMadeItself_KeepsTodaysDiagnosisWordsAndGate()
    {
        var record = RunJudgement.Judge(Measurements(ServerTimeWait(before: 0, added: 2171)) with { Scenario = KeepAlive });

        Assert.Equal(DiagnosisKind.TimeWaitAccumulation, record.Diagnosis.Kind);
        Assert.StartsWith("TIME_WAIT on the server's port peaked at 2171 with descriptors flat", record.Diagnosis.Summary, StringComparison.Ordinal);
        var gate = Assert.Single(record.Gates);
        Assert.Equal("2171", gate.Actual);
        Assert.False(gate.Passed);
    }

    [Fact]
    public void CloseWaitAlreadyThereWhenTheLoadStarted_IsNotThisRunsLeak_NorCountedByItsGate()
    {
        // 300 CLOSE_WAIT sockets sat on the port before the load (each holds a descriptor); the load's own bump of 30 drains.
        var samples = SyntheticRuns.Samples(t => 300 + (t is > 1 and < 3 ? 30 : 0));
        var scenario = Leak with { Expect = new ExpectSettings { MaxCloseWait = 50 } };
        var record = RunJudgement.Judge(Measurements(samples) with { Scenario = scenario });

        Assert.Equal(DiagnosisKind.Healthy, record.Diagnosis.Kind);
        Assert.StartsWith("300 CLOSE_WAIT were already on port 1 when the load started; the figures that follow are what this run added. Descriptors peaked at 510 (baseline 480)", record.Diagnosis.Summary, StringComparison.Ordinal);
        Assert.Contains("CLOSE_WAIT peaked at 30: nothing leaks", record.Diagnosis.Summary, StringComparison.Ordinal);
        var gate = Assert.Single(record.Gates);
        Assert.Equal("30 (330 peak − 300 already there)", gate.Actual);
        Assert.True(gate.Passed);

        // The same 300 appearing during the load and staying is this run's leak.
        var leak = RunJudgement.Judge(Measurements(SyntheticRuns.Samples(t => t < 0.2 ? 0 : 300)) with { Scenario = scenario });
        Assert.Equal(DiagnosisKind.CloseWaitLeak, leak.Diagnosis.Kind);
        Assert.DoesNotContain("already", leak.Diagnosis.Summary, StringComparison.Ordinal);
    }

    /// <summary>Flat descriptors; server-side TIME_WAIT at <paramref name="before"/> until the load and <paramref name="added"/> more from then on.</summary>
    private static List<Sample> ServerTimeWait(int before, int added) =>
        SyntheticRuns.Samples(_ => 0).Select(s => s with { Tcp = s.Tcp with { TimeWait = before + (s.Seconds < 0.2 ? 0 : added) } }).ToList();

    private static RunMeasurements Measurements(IReadOnlyList<Sample> samples) => new()
    {
        Scenario = Leak,
        StartedAt = DateTimeOffset.UnixEpoch,
        WallSeconds = 5,
        Target = new TargetInfo { Kind = TargetKind.Embedded, Url = "http://127.0.0.1:1/", Pid = 42, MaxFds = 1024 },
        Samples = samples,
        Phases = new PhaseTimes { LoadStartSeconds = 0.2, LoadStopSeconds = 4.2 },
        Client = new ClientSummary { RequestsOk = 1000, ConnectionsOpened = 1000, ThroughputRps = 250 },
        Server = new ServerOutcome { Bug = BugMode.None, KeepAlive = KeepAliveMode.On },
        PortRangeSize = 28232,
    };
}
