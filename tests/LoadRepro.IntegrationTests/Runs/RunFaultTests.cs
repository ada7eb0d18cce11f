using System.Globalization;
using LoadRepro.Core.Platform;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

/// <summary>Faults during a real run: the server killed, the report folder gone bad, the harness itself SIGKILLed.</summary>
public sealed class RunFaultTests
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task ServerKilledMidRun_FailsTheRunWithExit1_AndTheSummarySaysTheServerDied()
    {
        // close-wait-fixed's server and load with no gate at all: only the server's death can fail this run.
        using var reports = new TempFolder();
        var scenario = Path.Combine(reports.Path, "no-gates.yaml");
        await File.WriteAllTextAsync(scenario, """
            name: no-gates
            description: close-wait-fixed without its gates
            server: { bug: none, keepAlive: on, maxFds: 1024 }
            load:   { connection: short, http: "1.1", model: rate, rate: 250, duration: 60s, maxRequests: 20000, timeout: 1s }
            sample: { interval: 100ms, drain: 2s }
            """);
        await using var run = LiveRun.Start("run", scenario, "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync(" ok ", LineTimeout), run.Stdout);
        var server = Assert.Single(ServerChildren.Of(run.Pid));
        Assert.True(Linux.Signal(server, Linux.SigKill));

        var exit = await run.WaitForExitAsync(TimeSpan.FromSeconds(30));
        Assert.True(exit == 1, $"exit {exit}; stdout: {run.Stdout}; stderr: {run.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        var outcome = summary.GetProperty("server");
        Assert.True(outcome.GetProperty("exited").GetBoolean());
        Assert.Equal(128 + Linux.SigKill, outcome.GetProperty("exitCode").GetInt32());
        Assert.Contains("exited by itself with code 137", outcome.GetProperty("exitReason").GetString(), StringComparison.Ordinal);
        Assert.False(summary.GetProperty("passed").GetBoolean());
        var survived = Assert.Single(summary.GetProperty("gates").EnumerateArray());
        Assert.Equal("serverSurvived", survived.GetProperty("name").GetString());
        Assert.False(survived.GetProperty("passed").GetBoolean());
        Assert.Contains("exited by itself with code 137", survived.GetProperty("actual").GetString(), StringComparison.Ordinal);
        Assert.Contains("server exited by itself", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("gate serverSurvived failed: expected the server runs until the run stops it, got exited by itself with code 137", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportFolderGoneBadMidRun_OneLineExit3_NothingLeftRunning()
    {
        using var reports = new TempFolder();
        await using var run = LiveRun.Start("run", "close-wait-fixed", "--duration", "3s", "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync(" ok ", LineTimeout), run.Stdout);

        // Root ignores permission bits, so make the run directory unusable another way: a plain file where it was.
        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        Directory.Delete(dir, recursive: true);
        await File.WriteAllTextAsync(dir, "not a folder");

        Assert.Equal(3, await run.WaitForExitAsync(TimeSpan.FromSeconds(40)));
        var line = Assert.Single(run.StderrLines);
        Assert.Contains("could not be written to", line, StringComparison.Ordinal);
        Assert.Contains("diagnosis", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Stderr, StringComparison.Ordinal);
        Assert.True(await ServerChildren.GoneAsync(run.Pid, TimeSpan.FromSeconds(2)), "the server child survived");
    }

    [Fact]
    public async Task HarnessSigkilled_ServerExitsWithinSeconds_AndItsListenerIsGone()
    {
        using var reports = new TempFolder();
        await using var run = LiveRun.Start("run", "close-wait-fixed", "--duration", "60s", "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync(" ok ", LineTimeout), run.Stdout);
        var server = Assert.Single(ServerChildren.Of(run.Pid));
        Assert.True(await ListensAsync(server), "the server child is not listening");

        run.Signal(Linux.SigKill);

        // SIGKILL gives the harness no chance to clean up: only the server's own watch of its parent can end it.
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(!Directory.Exists($"/proc/{server}") || ServerChildren.Of(run.Pid).Count == 0), TimeSpan.FromSeconds(8)),
            "the server outlived its SIGKILLed parent by more than 8 s");
        Assert.False(await ListensAsync(server), "a listening socket of the server is left");
    }

    private static async Task<bool> ListensAsync(int pid)
    {
        var info = new System.Diagnostics.ProcessStartInfo("ss", ["-Hltnp"]) { RedirectStandardOutput = true, UseShellExecute = false };
        using var ss = System.Diagnostics.Process.Start(info)!;
        var output = await ss.StandardOutput.ReadToEndAsync();
        await ss.WaitForExitAsync();
        return output.Contains($"pid={pid.ToString(CultureInfo.InvariantCulture)},", StringComparison.Ordinal);
    }
}
