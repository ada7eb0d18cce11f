using LoadRepro.Core.Modes;
using LoadRepro.Core.Scenarios;

namespace LoadRepro.Tests.Scenarios;

/// <summary>Every file under <c>scenarios/</c> parses, and a few read back field by field as written.</summary>
public sealed class ShippedFilesTests
{
    private static readonly string Folder = ScenarioCatalog.Locate().Folder;

    public static TheoryData<string> Files() =>
        new(new[] { "", ScenarioSuiteParser.FolderName, "profiles" }.SelectMany(sub => Directory.GetFiles(Path.Combine(Folder, sub), "*.yaml"))
            .Select(f => Path.GetRelativePath(Folder, f)).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void ShippedFile_Parses_UnderItsOwnName(string file)
    {
        var path = Path.Combine(Folder, file);
        var name = Path.GetDirectoryName(file) switch
        {
            "" => ScenarioParser.ParseFile(path).Name,
            ScenarioSuiteParser.FolderName => ScenarioSuiteParser.ParseFile(path).Name,
            _ => SysctlProfileParser.ParseFile(path).Name,
        };

        Assert.Equal(Path.GetFileNameWithoutExtension(file), name);
    }

    [Fact]
    public void Folder_HoldsEveryKindOfFile() =>
        Assert.All(new[] { "", ScenarioSuiteParser.FolderName, "profiles" }, sub => Assert.NotEmpty(Directory.GetFiles(Path.Combine(Folder, sub), "*.yaml")));

    [Fact]
    public void CloseWaitLeak_ReadsAsWritten_WithDefaultsForTheRest()
    {
        var s = ScenarioParser.ParseFile(Path.Combine(Folder, "close-wait-leak.yaml"));

        Assert.False(s.Lab);
        Assert.Equal(new ServerSettings { Bug = BugMode.IgnorePeerFin, KeepAlive = KeepAliveMode.On, MaxFds = 1024 }, s.Server);
        Assert.Equal(
            new LoadSettings
            {
                Connection = ConnectionKind.Short, Http = "1.1", Model = LoadModelKind.Rate, Rate = 1000, Duration = TimeSpan.FromSeconds(6),
                MaxRequests = 20000, Timeout = TimeSpan.FromMilliseconds(500), StopAfterExhaustion = TimeSpan.FromMilliseconds(700),

                // Lists compare by reference in records: the stages are checked on their own below.
                Stages = s.Load.Stages,
            },
            s.Load);
        Assert.Empty(s.Load.Stages);
        Assert.Equal(new SampleSettings { Interval = TimeSpan.FromMilliseconds(100), Drain = TimeSpan.FromMilliseconds(1200) }, s.Sample);
        Assert.Equal(new ExpectSettings { Diagnosis = "close-wait-leak", Exhaustion = true }, s.Expect);
        Assert.Null(s.Profile);
    }

    [Fact]
    public void PortExhaustionLoopback_ReadsItsLabKeys()
    {
        var s = ScenarioParser.ParseFile(Path.Combine(Folder, "port-exhaustion-loopback.yaml"));

        Assert.True(s.Lab);
        Assert.Equal("short-port-range", s.Profile);
        Assert.Equal(LabNetworkKind.Loopback, s.LabNetwork);
        Assert.Equal(4096, s.Server.MaxFds);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Load.Timeout);
        Assert.Equal(new ExpectSettings { Diagnosis = "healthy", Exhaustion = false, MinSuccessRatio = 0.9 }, s.Expect);
    }

    [Fact]
    public void IdleTimeout_ReadsItsKeepAliveTimeoutAndConcurrency()
    {
        var s = ScenarioParser.ParseFile(Path.Combine(Folder, "idle-timeout.yaml"));

        Assert.Equal(KeepAliveKind.Timeout, s.Server.KeepAlive.Kind);
        Assert.Equal(TimeSpan.FromSeconds(2), s.Server.KeepAlive.IdleTimeout);
        Assert.Equal(ConnectionKind.IdleHold, s.Load.Connection);
        Assert.Equal(LoadModelKind.Concurrency, s.Load.Model);
        Assert.Equal(300, s.Load.Concurrency);
        Assert.Equal(TimeSpan.FromSeconds(4), s.Sample.Drain);
    }

    [Fact]
    public void FixesSuite_ReadsItsPairsInOrder() =>
        Assert.Equal(
            [("close-wait-leak", "close-wait-fixed"), ("hang-handler", "hang-handler-fixed"), ("idle-no-timeout", "idle-timeout")],
            ScenarioSuiteParser.ParseFile(Path.Combine(Folder, ScenarioSuiteParser.FolderName, "fixes.yaml")).Pairs);

    [Fact]
    public void Profiles_KeepTheirSysctlsInFileOrder()
    {
        var blog = SysctlProfileParser.ParseFile(Path.Combine(Folder, "profiles", "blog-advice.yaml"));
        var none = SysctlProfileParser.ParseFile(Path.Combine(Folder, "profiles", "kernel-default.yaml"));
        var ports = SysctlProfileParser.ParseFile(Path.Combine(Folder, "profiles", "short-port-range.yaml"));

        Assert.Equal(8, blog.Sysctls.Count);
        Assert.Equal(new("net.ipv4.tcp_tw_reuse", "1"), blog.Sysctls[0]);
        Assert.Equal(new("net.ipv4.tcp_keepalive_probes", "5"), blog.Sysctls[^1]);
        Assert.Empty(none.Sysctls);
        Assert.Equal([new("net.ipv4.ip_local_port_range", "40000 40999")], ports.Sysctls);
    }
}
