using System.Text.Json;
using LoadRepro.Core.Platform;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Lab;

/// <summary>Lab runs (root; this machine's CI runs as root): real namespaces, a real veth pair, real sysctls.</summary>
public sealed partial class LabRunTests : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);
    private readonly List<int> _owners = [];

    [Fact]
    public async Task PortExhaustion_OverTheVeth_RunsOutOfPortsAfterThePortRange_AndRemovesTheLab()
    {
        using var reports = new TempFolder();
        using var run = new BackgroundCli("run", "port-exhaustion", "--out", reports.Path);
        _owners.Add(run.Pid);
        var (srv, cli) = ($"lr-{run.Pid}-srv", $"lr-{run.Pid}-cli");

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(Ip.Namespaces().Contains(srv) && Ip.Namespaces().Contains(cli)), TimeSpan.FromSeconds(30)),
            $"the lab namespaces never appeared; stdout: {run.Stdout}");
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(LinkInfo(cli).Contains("198.18.0.2/15", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)),
            $"no veth with 198.18.0.2/15 in {cli}: {LinkInfo(cli)}");
        Assert.Contains("198.18.0.1/15", LinkInfo(srv), StringComparison.Ordinal);

        // The profile's port range read by the test inside both namespaces while the lab exists.
        foreach (var ns in new[] { srv, cli })
        {
            var range = "";
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult((range = NamespaceSysctl(ns, "net.ipv4.ip_local_port_range")) == "40000 40999"), TimeSpan.FromSeconds(10)),
                $"ip_local_port_range in {ns} is '{range}'");
        }

        // Once the run's client fails, the test's own client in the same namespace finds no port to the same server either:
        // the 1000 ports are held in TIME_WAIT (60 s), so every one of its connects fails with EADDRNOTAVAIL.
        var server = await RunServer.FindAsync(run.Pid, reports.Path, TimeSpan.FromSeconds(30));
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(RunClientFailed().IsMatch(run.Stdout)), TimeSpan.FromSeconds(30)), $"the run's client never failed; stdout: {run.Stdout}");
        const int attempts = 20;
        Assert.Equal(attempts, await NamespaceConnects.AddressNotAvailableAsync(cli, "198.18.0.1", server.Port, attempts));
        var result = await run.WaitAsync(RunTimeout);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        var client = summary.GetProperty("client");
        var opened = client.GetProperty("connectionsOpened").GetInt64();
        Assert.InRange(opened, 900, 1000);
        Assert.True(client.GetProperty("errors").GetProperty("EADDRNOTAVAIL").GetInt64() > 100, client.ToString());
        Assert.Equal("port-exhaustion", summary.GetProperty("diagnosis").GetProperty("kind").GetString());
        Assert.InRange(summary.GetProperty("peak").GetProperty("clientTcp").GetProperty("timeWait").GetInt32(), 900, 1000);
        Assert.True(summary.GetProperty("peak").GetProperty("tcp").GetProperty("timeWait").GetInt32() < 50, "TIME_WAIT belongs to the client, which closed first");
        var lab = summary.GetProperty("lab");
        Assert.Equal("short-port-range", lab.GetProperty("profile").GetString());
        Assert.Equal("veth", lab.GetProperty("network").GetString());
        Assert.Equal("40000 40999", Sysctl(lab, "net.ipv4.ip_local_port_range").GetProperty("client").GetString());
        Assert.Equal(1000, lab.GetProperty("portExhaustion").GetProperty("predictedConnections").GetInt32());
        Assert.Contains("loopback only", summary.GetProperty("diagnosis").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Ip.AssertLabGone(run.Pid);
        AssertServerGone(summary);
    }

    [Fact]
    public async Task PortExhaustion_OverOneNamespacesLoopback_ReusesTimeWaitPorts_AndNeverRunsOut()
    {
        using var reports = new TempFolder();
        var stale = StaleLab();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "port-exhaustion-loopback", "--out", reports.Path);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        var client = summary.GetProperty("client");
        Assert.True(client.GetProperty("connectionsOpened").GetInt64() > 1200, $"no more connections than the 1000 ports: {client}");
        Assert.False(client.GetProperty("errors").TryGetProperty("EADDRNOTAVAIL", out _), client.ToString());
        var lab = summary.GetProperty("lab");
        Assert.Equal("loopback", lab.GetProperty("network").GetString());
        Assert.Equal(JsonValueKind.Null, lab.GetProperty("portExhaustion").GetProperty("predictedConnections").ValueKind);
        Assert.Equal("40000 40999", Sysctl(lab, "net.ipv4.ip_local_port_range").GetProperty("server").GetString());
        Assert.Contains($"removed lr-{stale}-srv", result.Stdout, StringComparison.Ordinal);
        Ip.AssertLabGone(stale);
    }

    [Fact]
    public async Task BlogAdvice_IsAppliedInBothNamespaces_AndTwRecycleIsReportedMissing()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "client-closes-first", "--lab", "--profile", "blog-advice", "--duration", "1s", "--drain", "0s", "--out", reports.Path);

        // client-closes-first's gates hold under this profile too: about 500 connections, each closed by the client first,
        // leave the server healthy (no CLOSE_WAIT, a few dozen descriptors in flight against maxFdGrowth 300), so exit 0.
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var lab = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path)).GetProperty("lab");
        Assert.Equal("blog-advice", lab.GetProperty("profile").GetString());
        foreach (var (name, value) in new[] { ("net.ipv4.tcp_tw_reuse", "1"), ("net.ipv4.tcp_fin_timeout", "30"), ("net.ipv4.tcp_keepalive_time", "1200"), ("net.ipv4.tcp_syn_retries", "2") })
        {
            var s = Sysctl(lab, name);
            Assert.Equal(value, s.GetProperty("server").GetString());
            Assert.Equal(value, s.GetProperty("client").GetString());
        }

        var recycle = Sysctl(lab, "net.ipv4.tcp_tw_recycle");
        Assert.Equal("1", recycle.GetProperty("requested").GetString());
        Assert.Equal("absent", recycle.GetProperty("server").GetString());
        Assert.Contains("removed in Linux 4.12", recycle.GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("tcp_tw_recycle", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NameAtProfile_RunsTheScenarioInTheLab_UnderThatProfile()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "http10-short@tw-reuse-0", "--duration", "1s", "--drain", "0s", "--out", reports.Path);

        // http10-short's gates hold in one second: the server closes ~500 HTTP/1.0 connections first, far past the 100
        // TIME_WAIT that make time-wait-accumulation, with descriptors flat and no failure, so exit 0.
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        Assert.Equal("http10-short", summary.GetProperty("scenario").GetString());
        var lab = summary.GetProperty("lab");
        Assert.Equal("tw-reuse-0", lab.GetProperty("profile").GetString());
        Assert.Equal("0", Sysctl(lab, "net.ipv4.tcp_tw_reuse").GetProperty("client").GetString());
    }

    [Fact]
    public async Task SigintMidRun_StopsTheRun_AndRemovesTheLab()
    {
        using var reports = new TempFolder();
        using var run = new BackgroundCli("run", "port-exhaustion", "--duration", "60s", "--out", reports.Path);
        _owners.Add(run.Pid);

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(run.Stdout.Contains(" ok ", StringComparison.Ordinal)), TimeSpan.FromSeconds(30)),
            $"the load never started; stdout: {run.Stdout}");
        Assert.Contains($"lr-{run.Pid}-cli", Ip.Namespaces());
        Assert.True(Linux.Signal(run.Pid, 2), "SIGINT could not be sent");
        var result = await run.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 130, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        Ip.AssertLabGone(run.Pid);
        AssertServerGone(RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path)));
    }

    [Fact]
    public async Task LabClean_RemovesTheLabOfADeadRun()
    {
        var stale = StaleLab();

        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "lab", "clean");

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains($"lr-{stale}-srv", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"lr-{stale}-s", result.Stdout, StringComparison.Ordinal);
        Ip.AssertLabGone(stale);
    }

    public void Dispose()
    {
        foreach (var pid in _owners)
        {
            foreach (var ns in Ip.Namespaces().Where(n => n.StartsWith($"lr-{pid}-", StringComparison.Ordinal)))
            {
                Ip.Run("netns", "del", ns);
            }

            foreach (var link in Ip.Links($"lr-{pid}-"))
            {
                Ip.Run("link", "del", link);
            }
        }
    }

    /// <summary>Builds what a run killed with SIGKILL leaves: two namespaces and a veth end still on the host, owned by a dead PID.</summary>
    private int StaleLab()
    {
        var pid = Enumerable.Range(3_000_000, 100_000).First(p => !Directory.Exists($"/proc/{p}"));
        _owners.Add(pid);
        Ip.Run("netns", "add", $"lr-{pid}-srv");
        Ip.Run("netns", "add", $"lr-{pid}-cli");
        Ip.Run("link", "add", $"lr-{pid}-s", "type", "veth", "peer", "name", $"lr-{pid}-c");
        return pid;
    }

    private static string LinkInfo(string ns)
    {
        try
        {
            return Ip.Run("-n", ns, "-o", "addr", "show");
        }
        catch (InvalidOperationException e)
        {
            return e.Message;
        }
    }

    /// <summary>A sysctl as <c>sysctl -n</c> prints it inside the namespace, runs of blanks made one space.</summary>
    private static string NamespaceSysctl(string ns, string name) =>
        string.Join(' ', Ip.Run("netns", "exec", ns, "sysctl", "-n", name).Split((char[])[' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>A progress line of the run whose client has failed requests.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@" failed [1-9]")]
    private static partial System.Text.RegularExpressions.Regex RunClientFailed();

    private static JsonElement Sysctl(JsonElement lab, string name) =>
        lab.GetProperty("sysctls").EnumerateArray().Single(s => s.GetProperty("name").GetString() == name);

    private static void AssertServerGone(JsonElement summary)
    {
        var pid = summary.GetProperty("target").GetProperty("pid").GetInt32();
        Assert.False(Directory.Exists($"/proc/{pid}"), $"the server process {pid} is still running after the run");
    }
}
