using LoadRepro.Core.Judgement;
using LoadRepro.Core.Records;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Judgement;

/// <summary>The same scenario in the lab under two profiles: each differing sysctl judged on the figures it can move.</summary>
public sealed class SysctlVerdictTests
{
    private static readonly (string Name, string Value)[] Defaults =
    [
        ("net.ipv4.ip_local_port_range", "32768 60999"), ("net.ipv4.tcp_tw_reuse", "2"), ("net.ipv4.tcp_fin_timeout", "60"),
        ("net.ipv4.tcp_tw_recycle", "absent"), ("net.ipv4.tcp_keepalive_time", "7200"), ("net.ipv4.tcp_syncookies", "1"),
    ];

    [Fact]
    public void BlogAdvice_OnAServerThatClosesFirst_ChangesNothingMeasurable_AndSaysWhyForEachSetting()
    {
        var a = LabRun("kernel-default", []);
        var b = LabRun("blog-advice", [("net.ipv4.tcp_tw_reuse", "1", "1"), ("net.ipv4.tcp_fin_timeout", "30", "30"), ("net.ipv4.tcp_tw_recycle", "1", "absent"), ("net.ipv4.tcp_keepalive_time", "1200", "1200"), ("net.ipv4.tcp_syncookies", "1", "1")]);
        b = b with { Client = b.Client with { LatencyMs = new LatencySummary { P50 = 2, P99 = 30 } } };

        var c = Compare(a, b);

        Assert.Equal(ComparisonStory.Sysctl, c.Story);
        Assert.Null(c.Verdict.Holds);
        Assert.StartsWith("None of the 5 sysctls that kernel-default (A) and blog-advice (B) set differently changed anything measurable for http10-short", c.Verdict.Headline, StringComparison.Ordinal);
        Assert.All(c.Settings, s => Assert.False(s.Measurable, s.Text));
        var reuse = Assert.Single(c.Settings, s => s.Name == "net.ipv4.tcp_tw_reuse");
        Assert.Equal(("2", "1"), (reuse.A, reuse.B));
        Assert.Contains("peak TIME_WAIT, client side 0 → 0", reuse.Text, StringComparison.Ordinal);
        var fin = Assert.Single(c.Settings, s => s.Name == "net.ipv4.tcp_fin_timeout");
        Assert.Contains("peak TIME_WAIT, server side 2500 → 2500", fin.Text, StringComparison.Ordinal);
        Assert.Contains("TIME_WAIT stays 60 s", fin.Text, StringComparison.Ordinal);
        Assert.Contains("none was possible", fin.Text, StringComparison.Ordinal);
        Assert.EndsWith("these runs lasted 7.5 s, short of tcp_fin_timeout (30 s).", fin.Text, StringComparison.Ordinal);
        var recycle = Assert.Single(c.Settings, s => s.Name == "net.ipv4.tcp_tw_recycle");
        Assert.False(recycle.Applied);
        Assert.Contains("removed in Linux 4.12", recycle.Text, StringComparison.Ordinal);
        Assert.Contains("none was possible", Assert.Single(c.Settings, s => s.Name == "net.ipv4.tcp_keepalive_time").Text, StringComparison.Ordinal);
        Assert.Contains("in force already", Assert.Single(c.Settings, s => s.Name == "net.ipv4.tcp_syncookies").Text, StringComparison.Ordinal);

        // Latency tripled, yet no setting that differs acts on latency by itself: the report calls that noise, not the profile.
        Assert.Contains(c.Verdict.Reasons, r => r.Text.StartsWith("latency p99 6 → 30: moved, though no setting that differs acts on it", StringComparison.Ordinal));
    }

    [Fact]
    public void AShortPortRange_OnAClientThatClosesFirst_IsMeasurable_AndTheFailuresFollowFromIt()
    {
        var a = LabRun("kernel-default", [], clientTimeWait: 1500, opened: 1500);
        var b = LabRun("short-port-range", [("net.ipv4.ip_local_port_range", "40000 40999", "40000 40999")], clientTimeWait: 1000, opened: 1000);
        b = b with { Client = b.Client with { RequestsFailed = 500, ThroughputRps = 333, Errors = new Dictionary<string, long> { ["EADDRNOTAVAIL"] = 500 } } };

        var c = Compare(a, b);

        var range = Assert.Single(c.Settings);
        Assert.True(range.Measurable);
        Assert.Equal(["connects failed with EADDRNOTAVAIL 0 → 500", "connections opened 1500 → 1000", "peak TIME_WAIT, client side 1500 → 1000"], range.Moved);
        Assert.StartsWith("The one sysctl that kernel-default (A) and short-port-range (B) set differently, ip_local_port_range, changed something measurable", c.Verdict.Headline, StringComparison.Ordinal);
        Assert.Contains(c.Verdict.Reasons, r => r.Text == "requests failed 0 → 500: follows from what ip_local_port_range changed.");
        Assert.Contains(c.Figures, f => f.Name == "connects failed with EADDRNOTAVAIL" && f.A == 0 && f.B == 500);
    }

    [Fact]
    public void FinTimeout_InARunShorterThanIt_CannotHaveMovedFinWait2_WhateverTheSamplesSaw()
    {
        // Seen in a real lab pair: a server that closes first caught 48 FIN_WAIT2 sockets in flight at one sample of run A.
        var a = LabRun("kernel-default", []);
        a = a with { Peak = a.Peak with { Tcp = a.Peak.Tcp with { FinWait2 = 48 } } };
        var b = LabRun("fin-30", [("net.ipv4.tcp_fin_timeout", "30", "30")]);

        var fin = Assert.Single(Compare(a, b).Settings);

        Assert.False(fin.Measurable, fin.Text);
        Assert.Contains("peak FIN_WAIT2, both sides 48 → 0", fin.Text, StringComparison.Ordinal);
        Assert.Contains("none was possible", fin.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void FinTimeout_InARunLongerThanIt_IsJudgedOnFinWait2()
    {
        var a = LabRun("kernel-default", []) with { DurationSeconds = 75 };
        a = a with { Peak = a.Peak with { Tcp = a.Peak.Tcp with { FinWait2 = 400 } } };
        var b = LabRun("fin-30", [("net.ipv4.tcp_fin_timeout", "30", "30")]) with { DurationSeconds = 75 };
        b = b with { Peak = b.Peak with { Tcp = b.Peak.Tcp with { FinWait2 = 200 } } };

        var fin = Assert.Single(Compare(a, b).Settings);

        Assert.True(fin.Measurable, fin.Text);
        Assert.Contains("peak FIN_WAIT2, both sides 400 → 200", fin.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void AMoveWithinNoise_IsNotMeasurable()
    {
        var a = LabRun("kernel-default", [], clientTimeWait: 1000, opened: 1000);
        var b = LabRun("tw-reuse-0", [("net.ipv4.tcp_tw_reuse", "0", "0")], clientTimeWait: 1015, opened: 1010);

        var c = Compare(a, b);

        Assert.False(Assert.Single(c.Settings).Measurable);
        Assert.StartsWith("The one sysctl that kernel-default (A) and tw-reuse-0 (B) set differently, tcp_tw_reuse, changed nothing measurable", c.Verdict.Headline, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoSettingsThatMoveTheSameFigure_AreSaidToBeInseparableInOnePair()
    {
        var a = LabRun("kernel-default", [], clientTimeWait: 1500, opened: 1500);
        var b = LabRun("mine", [("net.ipv4.ip_local_port_range", "40000 40999", "40000 40999"), ("net.ipv4.tcp_tw_reuse", "0", "0")], clientTimeWait: 1000, opened: 1000);

        var c = Compare(a, b);

        Assert.All(c.Settings, s => Assert.True(s.Measurable));
        Assert.Contains(c.Verdict.Reasons, r => r.Text.StartsWith("ip_local_port_range and tcp_tw_reuse changed together", StringComparison.Ordinal));
    }

    [Fact]
    public void DifferentScenarios_OrARunOnTheHost_TellAnotherStory()
    {
        var lab = LabRun("kernel-default", []);
        var other = LabRun("blog-advice", [("net.ipv4.tcp_tw_reuse", "1", "1")]);

        Assert.NotEqual(ComparisonStory.Sysctl, Compare(lab, other with { Scenario = "client-closes-first" }).Story);
        Assert.NotEqual(ComparisonStory.Sysctl, Compare(lab, other with { Lab = null }).Story);
        Assert.NotEqual(ComparisonStory.Sysctl, Compare(lab, LabRun("kernel-default", [])).Story);
    }

    private static RunRecord LabRun(string profile, (string Name, string Requested, string InForce)[] set, int clientTimeWait = 0, long opened = 2500)
    {
        var sysctls = Defaults.Select(d => set.FirstOrDefault(s => s.Name == d.Name) is { Name: not null } s
                ? new SysctlInForce { Name = d.Name, Requested = s.Requested, Server = s.InForce, Client = s.InForce, Note = s.InForce == "absent" ? "not applied" : null }
                : new SysctlInForce { Name = d.Name, Server = d.Value, Client = d.Value })
            .ToList();
        return SyntheticRuns.Run("http10-short", ConnectionKind.Short) with
        {
            DurationSeconds = 7.5,
            Peak = new Figures { Fds = 190, Tcp = new TcpStateCounts { TimeWait = 2500 }, ClientTcp = new TcpStateCounts { TimeWait = clientTimeWait } },
            Client = new ClientSummary { RequestsOk = opened, ConnectionsOpened = opened, ThroughputRps = 500, LatencyMs = new LatencySummary { P50 = 2, P99 = 6 } },
            Lab = new LabInfo { Profile = profile, Network = LabNetworkKind.Veth, ServerNamespace = "lr-1-srv", ClientNamespace = "lr-1-cli", Sysctls = sysctls },
        };
    }

    private static ComparisonRecord Compare(RunRecord a, RunRecord b) =>
        ComparisonJudge.Compare(new RunResult("/r/c/runs/a", a, [], []), new RunResult("/r/c/runs/b", b, [], []), "/r/c");
}
