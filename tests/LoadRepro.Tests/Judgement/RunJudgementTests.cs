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
