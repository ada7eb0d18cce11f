using System.Globalization;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Cli;

/// <summary><c>loadrepro run --target URL --target-pid PID</c>: the user's own server, loaded and sampled, and the refusals.</summary>
public sealed class ExternalTargetTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private static readonly string Me = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task ExternalTarget_IsLoadedAndSampled_AndLeftRunning()
    {
        await using var server = await TestServerProcess.StartAsync("--keep-alive", "on");
        using var reports = new TempFolder();

        // No gates: exit 0 then means the run against the external target worked, whatever this machine's load does to timings.
        var scenario = Path.Combine(reports.Path, "external.yaml");
        await File.WriteAllTextAsync(scenario, "name: external\nload: { connection: short, rate: 500, duration: 2s }\nsample: { interval: 100ms, drain: 500ms }\n");
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", scenario, "--target", $"http://127.0.0.1:{server.Port}/", "--target-pid",
            server.Pid.ToString(CultureInfo.InvariantCulture), "--out", Path.Combine(reports.Path, "runs"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var dir = RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "runs"));
        var summary = RunDirectoryReader.Summary(dir);
        var target = summary.GetProperty("target");
        Assert.Equal("external", target.GetProperty("kind").GetString());
        Assert.Equal(server.Pid, target.GetProperty("pid").GetInt32());
        Assert.True(target.GetProperty("maxFds").GetInt32() > 0);
        Assert.True(summary.GetProperty("peak").GetProperty("fds").GetInt32() > 0, "the target's descriptors were not sampled");
        var ok = summary.GetProperty("client").GetProperty("requestsOk").GetInt64();
        Assert.True(ok >= 500, $"only {ok} requests answered");

        var csv = File.ReadAllLines(Path.Combine(dir, "client.csv"));
        Assert.StartsWith("seconds,started,ok,failed,connectionsOpened,lateArrivals,p99Ms", csv[0], StringComparison.Ordinal);
        Assert.Equal(ok, csv.Skip(1).Sum(l => long.Parse(l.Split(',')[2], CultureInfo.InvariantCulture)));
        Assert.False(server.HasExited, "the run stopped the user's server");
    }

    [Fact]
    public async Task RemoteTarget_IsRefusedWithoutPermission_Exit2()
    {
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--target", "http://192.0.2.10:8080/", "--target-pid", Me);

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StderrLines);
        Assert.Contains("--allow-remote-target", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonexistentPid_Exit2()
    {
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--target", "http://127.0.0.1:9/", "--target-pid", "99999999");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no process with PID 99999999", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnreachableTarget_Exit3()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--target", $"http://127.0.0.1:{port}/", "--target-pid", Me);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("does not accept connections", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TargetPidWithoutTarget_Exit2()
    {
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--target-pid", Me);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--target-pid needs --target", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
