using System.Diagnostics;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Target;

/// <summary>
/// The user's own server, not Kestrel: a plain-socket Python server (UserServers/plain_http_server.py), started by the run
/// with <c>--server-cmd</c> or found by <c>--target</c> alone. Oracles: /proc (which processes hold the listener, what is
/// left running) and the server's own CLOSE_WAIT as <c>ss</c> shows it.
/// </summary>
public sealed class UserServerTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task ServerCommandWithACloseWaitBug_UnderALimitOf256_IsDiagnosedAsALeakToEmfile_AndStoppedAfter()
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        var scenario = await PlainServer.ScenarioAsync(reports, "user-leak", "load: { connection: short, rate: 200, duration: 4s, timeout: 1s }\nsample: { interval: 100ms, drain: 1s }\nexpect: { diagnosis: close-wait-leak, exhaustion: true }\n");

        var result = await LoadReproCli.RunAsync(RunTimeout, "run", scenario, "--target", $"http://127.0.0.1:{port}/",
            "--server-cmd", PlainServer.Command(port, tag, "--leak"), "--max-fds", "256", "--out", Path.Combine(reports.Path, "runs"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "runs")));
        Assert.Equal("external", summary.GetProperty("target").GetProperty("kind").GetString());
        Assert.Equal(256, summary.GetProperty("target").GetProperty("maxFds").GetInt32());
        Assert.InRange(summary.GetProperty("peak").GetProperty("fds").GetInt32(), 250, 256);
        Assert.True(summary.GetProperty("peak").GetProperty("tcp").GetProperty("closeWait").GetInt32() >= 240);
        Assert.Empty(PlainServer.Running(tag));
    }

    [Theory]
    [InlineData("short")]
    [InlineData("keep-alive")]
    public async Task ChunkedResponses_AreReadToTheirLastChunk_OnShortAndKeptConnections(string connection)
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        var scenario = await PlainServer.ScenarioAsync(reports, "user-chunked", $"load: {{ connection: {connection}, model: rate, rate: 100, concurrency: 4, duration: 2s, timeout: 1s }}\nsample: {{ interval: 100ms, drain: 500ms }}\n");

        var result = await LoadReproCli.RunAsync(RunTimeout, "run", scenario, "--target", $"http://127.0.0.1:{port}/",
            "--server-cmd", PlainServer.Command(port, tag, "--chunked"), "--out", Path.Combine(reports.Path, "runs"));

        // A chunked body read only to its headers, or waited for to the close, would time out every request on a kept
        // connection and make the next response unreadable: every one must be answered.
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var client = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "runs"))).GetProperty("client");
        Assert.True(client.GetProperty("requestsOk").GetInt64() >= 150, client.ToString());
        Assert.Equal(0, client.GetProperty("requestsFailed").GetInt64());
    }

    [Fact]
    public async Task ServerCommandWithTheFix_IsHealthy_AndStoppedAfter()
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        var scenario = await PlainServer.ScenarioAsync(reports, "user-fixed", "load: { connection: short, rate: 200, duration: 2s }\nsample: { interval: 100ms, drain: 1s }\nexpect: { diagnosis: healthy, exhaustion: false }\n");

        var result = await LoadReproCli.RunAsync(RunTimeout, "run", scenario, "--target", $"http://127.0.0.1:{port}/",
            "--server-cmd", PlainServer.Command(port, tag), "--max-fds", "256", "--out", Path.Combine(reports.Path, "runs"));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "runs")));
        Assert.True(summary.GetProperty("client").GetProperty("requestsOk").GetInt64() >= 350);
        Assert.Empty(PlainServer.Running(tag));
    }

    [Fact]
    public async Task APreForkServer_StartedByCommand_IsSampledAsAllTheProcessesThatHoldItsListener()
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        var scenario = await PlainServer.ScenarioAsync(reports, "user-prefork", "load: { connection: short, rate: 100, duration: 2s }\nsample: { interval: 100ms, drain: 500ms }\n");
        using var run = new BackgroundCli("run", scenario, "--target", $"http://127.0.0.1:{port}/",
            "--server-cmd", PlainServer.Command(port, tag, "--workers 2"), "--out", Path.Combine(reports.Path, "runs"));

        // The oracle: the three processes (the parent and two workers) that ss shows holding the listener, read while the run goes.
        IReadOnlyList<int> holders = [];
        Assert.True(await Eventually.HoldsAsync(async () => (holders = await Ss.ListenerPidsAsync(port)).Count == 3, TimeSpan.FromSeconds(30)), $"stdout: {run.Stdout}");
        var result = await run.WaitAsync(RunTimeout);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var target = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "runs"))).GetProperty("target");
        Assert.Equal(holders.Order(), target.GetProperty("processes").EnumerateArray().Select(p => p.GetProperty("pid").GetInt32()).Order());
        Assert.Empty(PlainServer.Running(tag));
    }

    [Fact]
    public async Task TargetAlone_FindsTheServerThatListensOnItsPort_AndLeavesItRunning()
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        using var server = PlainServer.Start(port, tag);
        try
        {
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(PlainServer.Accepts(port)), TimeSpan.FromSeconds(20)));
            var scenario = await PlainServer.ScenarioAsync(reports, "user-found", "load: { connection: short, rate: 100, duration: 1s }\nsample: { interval: 100ms, drain: 300ms }\n");

            var result = await LoadReproCli.RunAsync(RunTimeout, "run", scenario, "--target", $"http://127.0.0.1:{port}/", "--out", Path.Combine(reports.Path, "runs"));

            Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
            var target = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "runs"))).GetProperty("target");
            Assert.Equal(server.Id, target.GetProperty("pid").GetInt32());
            Assert.False(server.HasExited, "a server the run did not start must be left running");
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }

    [Fact]
    public async Task AServerCommandWhoseHarnessIsKilled_IsStoppedByItsWatchdog()
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        var scenario = await PlainServer.ScenarioAsync(reports, "user-orphan", "load: { connection: short, rate: 50, duration: 30s }\nsample: { interval: 100ms, drain: 100ms }\n");
        using var run = new BackgroundCli("run", scenario, "--target", $"http://127.0.0.1:{port}/",
            "--server-cmd", PlainServer.Command(port, tag), "--out", Path.Combine(reports.Path, "runs"));
        Assert.True(await Eventually.HoldsAsync(async () => (await Ss.ListenerPidsAsync(port)).Count == 1, TimeSpan.FromSeconds(30)), $"stdout: {run.Stdout}");

        // SIGKILL: the harness gets no chance to stop anything; what it started must still go.
        Process.GetProcessById(run.Pid).Kill();

        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(PlainServer.Running(tag).Count == 0), TimeSpan.FromSeconds(15)),
            $"left running after the harness was killed: {string.Join(", ", PlainServer.Running(tag))}");
    }

    [Theory]
    [InlineData("exits-at-once", 3, "exited with code 3 before")]
    [InlineData("never-listens", 3, "did not accept a connection within 2 s")]
    public async Task AServerCommandThatNeverServes_IsOneLine_Exit3_AndLeavesNothing(string kind, int exit, string words)
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        var command = kind == "exits-at-once" ? $"echo {tag} >&2; exit 3" : $"exec sleep 60 # {tag}";

        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--target", $"http://127.0.0.1:{port}/",
            "--server-cmd", command, "--server-ready-timeout", "2s", "--out", reports.Path);

        Assert.Equal(exit, result.ExitCode);
        Assert.Contains(words, Assert.Single(result.StderrLines), StringComparison.Ordinal);
        Assert.Empty(Directory.EnumerateDirectories(reports.Path));
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(PlainServer.Running(tag).Count == 0), TimeSpan.FromSeconds(10)), "the server command was left running");
    }

    [Theory]
    [InlineData("--server-cmd without --target", "--server-cmd", "true")]
    [InlineData("--server-cmd with a remote target", "--server-cmd", "true", "--target", "http://192.0.2.10:8080/", "--allow-remote-target")]
    [InlineData("--server-cmd with --target-pid", "--server-cmd", "true", "--target", "http://127.0.0.1:9/", "--target-pid", "1")]
    public async Task BadServerCommandUsage_IsOneLine_Exit2(string why, params string[] args)
    {
        var result = await LoadReproCli.RunAsync(RunTimeout, ["run", "close-wait-fixed", .. args]);

        Assert.True(result.ExitCode == 2, $"{why}: exit {result.ExitCode}; stderr: {result.Stderr}");
        Assert.Single(result.StderrLines);
    }

    [Fact]
    public async Task TargetOnThisHostThatNobodyListensOn_IsOneLine_Exit3()
    {
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--target", $"http://127.0.0.1:{PlainServer.FreePort()}/");

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("does not accept connections", Assert.Single(result.StderrLines), StringComparison.Ordinal);
    }
}
