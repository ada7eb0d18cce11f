using System.Text.Json;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

public sealed class CloseWaitScenarioTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task CloseWaitLeak_ReachesEmfile_AndDiagnosesTheLeak()
    {
        using var reports = new TempFolder();
        await ServerWatch.WarmUpAsync();
        await using var run = LiveRun.Start("run", "close-wait-leak", "--out", reports.Path);
        var server = await RunServer.FindAsync(run.Pid, reports.Path, TimeSpan.FromSeconds(30));
        var limit = ProcFds.SoftLimit(server.Pid);

        // The server's own idle threads and optimiser leave the 2 cores to its work (Pipeline/Servers/ServerRuntime.cs).
        var environment = File.ReadAllText($"/proc/{server.Pid}/environ").Split('\0');
        Assert.Contains("DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0", environment);
        Assert.Contains("DOTNET_TieredPGO=0", environment);
        await using var watch = ServerWatch.Start(server);
        var exit = await run.WaitForExitAsync(RunTimeout);
        await watch.EndAsync(TimeSpan.FromSeconds(10));

        // EMFILE seen from outside, at one moment: the descriptors in /proc/PID/fd at the limit in /proc/PID/limits, the
        // server's own count of accept() failing with EMFILE, and the CLOSE_WAIT that filled the table in ss.
        var seen = watch.Snapshots;
        var atLimit = seen.Where(s => s.Fds >= limit - 2 && s.EmfileAccepts > 0).ToList();
        Assert.True(atLimit.Count > 0, $"never the limit {limit} and an EMFILE count together; peak descriptors {seen.Max(s => s.Fds)}, EMFILE counts seen {string.Join(' ', seen.Select(s => s.EmfileAccepts).Distinct())}");
        var closeWaitAtLimit = atLimit.Max(s => s.CloseWait);
        Assert.True(closeWaitAtLimit >= 0.8 * (limit - seen[0].Fds), $"only {closeWaitAtLimit} CLOSE_WAIT on port {server.Port} at the limit {limit} (from {seen[0].Fds} descriptors)");

        Assert.True(exit == 0, $"exit {exit}; stdout: {run.Stdout}; stderr: {run.Stderr}");
        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        foreach (var file in new[] { "summary.json", "samples.csv", "client.csv", "report.md", "report.html", "server.log" })
        {
            Assert.True(File.Exists(Path.Combine(dir, file)), $"{file} is missing");
        }

        // Stopped at its limit, the server shut down cleanly (its totals are logged after the host stopped), where a SIGTERM
        // would have made the runtime abort with "Out of memory." (it cannot start the thread that handles the signal).
        var serverLog = Path.Combine(dir, "server.log");
        Assert.Single(ServerLog.Events(serverLog, "StopAsked"));
        Assert.Single(ServerLog.Events(serverLog, "Served"));

        // The record agrees with the server: its limit, its EMFILE, and every request it answered (one per leaked
        // connection; its count is final through the drain, when the watch last asked).
        var summary = RunDirectoryReader.Summary(dir);
        Assert.Equal(limit, summary.GetProperty("target").GetProperty("maxFds").GetInt32());
        Assert.True(summary.GetProperty("server").GetProperty("acceptErrors").GetProperty("EMFILE").GetInt64() > 0);
        var served = seen.Last(s => s.RawRequests is not null).RawRequests;
        var ok = summary.GetProperty("client").GetProperty("requestsOk").GetInt64();
        Assert.True(served == ok, $"the server answered {served} requests, the client counted {ok}");

        Assert.True(summary.GetProperty("exhaustion").GetProperty("reached").GetBoolean());
        Assert.Equal("close-wait-leak", summary.GetProperty("diagnosis").GetProperty("kind").GetString());
        var baseline = summary.GetProperty("baseline").GetProperty("fds").GetInt32();
        var peakCloseWait = summary.GetProperty("peak").GetProperty("tcp").GetProperty("closeWait").GetInt32();
        Assert.True(peakCloseWait >= 0.8 * (limit - baseline), $"peak CLOSE_WAIT {peakCloseWait} < 80% of (limit {limit} - baseline {baseline})");
        Assert.True(summary.GetProperty("passed").GetBoolean());
        Assert.Contains("EMFILE first seen", run.Stdout, StringComparison.Ordinal);

        // stopAfterExhaustion: 700ms: the load ends after that grace past the limit, not at its 6 s duration, and the
        // clients' timeouts (500ms) on the way are counted. Only the lower bound is sharp; a busy machine may take longer to stop.
        Assert.Contains("the load stops in 700ms (stopAfterExhaustion)", run.Stdout, StringComparison.Ordinal);
        var phases = summary.GetProperty("phases");
        var loadTime = phases.GetProperty("loadStopSeconds").GetDouble() - phases.GetProperty("loadStartSeconds").GetDouble();
        var firstEmfile = summary.GetProperty("exhaustion").GetProperty("firstAtSeconds").GetDouble();
        Assert.True(loadTime >= firstEmfile + 0.6, $"the load stopped {loadTime:0.00} s in, before the grace after EMFILE at {firstEmfile:0.00} s");
        Assert.Contains("descriptors at the limit", run.Stdout, StringComparison.Ordinal);
        Assert.True(summary.GetProperty("client").GetProperty("errors").GetProperty("timeout").GetInt64() > 0, "no client timed out against a server at EMFILE");

        // The clients that timed out waited in the listen backlog: their CLOSE_WAIT has no owner, and the diagnosis says so.
        Assert.Contains("CLOSE_WAIT sockets were never accepted", summary.GetProperty("diagnosis").GetProperty("summary").GetString(), StringComparison.Ordinal);
        Assert.Contains("Requests per second seen by the client", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
        AssertServerGone(summary);
    }

    [Fact]
    public async Task CloseWaitFixed_KeepsDescriptorsFlat_ServingTheSameLoad()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--out", reports.Path);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        Assert.Equal("healthy", summary.GetProperty("diagnosis").GetProperty("kind").GetString());
        Assert.False(summary.GetProperty("exhaustion").GetProperty("reached").GetBoolean());
        // In flight, a closing server still shows CLOSE_WAIT between the client's FIN and its close() (the rate times its
        // delay, bounded by a quarter of a second of arrivals); after the drain none is left, where the leak keeps every one.
        Assert.True(summary.GetProperty("peak").GetProperty("tcp").GetProperty("closeWait").GetInt32() <= 250);
        Assert.Equal(0, summary.GetProperty("final").GetProperty("tcp").GetProperty("closeWait").GetInt32());
        var growth = summary.GetProperty("peak").GetProperty("fds").GetInt32() - summary.GetProperty("baseline").GetProperty("fds").GetInt32();
        Assert.True(growth <= 250, $"descriptors grew by {growth}");
        var kept = summary.GetProperty("final").GetProperty("fds").GetInt32() - summary.GetProperty("baseline").GetProperty("fds").GetInt32();
        Assert.True(kept <= 3, $"descriptors kept after the drain: {kept}");
        var client = summary.GetProperty("client");
        Assert.True(client.GetProperty("requestsOk").GetInt64() >= 5900, $"only {client.GetProperty("requestsOk").GetInt64()} requests were served");
        AssertServerGone(summary);
    }

    private static void AssertServerGone(JsonElement summary)
    {
        var pid = summary.GetProperty("target").GetProperty("pid").GetInt32();
        Assert.False(Directory.Exists($"/proc/{pid}"), $"the server process {pid} is still running after the run");
    }
}
