using System.Text.Json;
using LoadRepro.Core.Platform;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Runs;

/// <summary>SIGINT/SIGTERM at each stage of a real run: the server goes, and what was measured is written, marked interrupted.</summary>
public sealed class InterruptionTests
{
    private static readonly TimeSpan LineTimeout = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SigintWhileTheServerStarts_RecordsAnInterruptedRunWithNoSamples()
    {
        // A server command that never listens keeps the run in its start for as long as the test needs, however fast the
        // machine: the start line is printed just before the command is started, and the run waits for its port.
        using var reports = new TempFolder();
        var port = PlainServer.FreePort();
        await using var run = LiveRun.Start("run", "close-wait-fixed", "--target", $"http://127.0.0.1:{port}/", "--server-cmd", "sleep 60",
            "--server-ready-timeout", "60s", "--duration", "30s", "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync("report in", LineTimeout), run.Stdout);
        run.Signal(LiveRun.SigInt);

        Assert.Equal(130, await run.WaitForExitAsync(ExitTimeout));
        Assert.Contains("interrupted while starting the test server", run.Stdout, StringComparison.Ordinal);
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        Assert.True(summary.GetProperty("interrupted").GetBoolean());
        Assert.Equal(0, summary.GetProperty("samples").GetProperty("count").GetInt32());
        Assert.True(await ServerChildren.GoneAsync(run.Pid, TimeSpan.FromSeconds(5)), "the server child survived the interruption");
    }

    [Fact]
    public async Task SigintUnderLoad_StopsTheLoadAndWritesWhatWasMeasured()
    {
        using var reports = new TempFolder();
        await using var run = LiveRun.Start("run", "close-wait-fixed", "--duration", "60s", "--rate", "250", "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync(" ok ", LineTimeout), run.Stdout);
        run.Signal(LiveRun.SigInt);

        Assert.Equal(130, await run.WaitForExitAsync(ExitTimeout));
        Assert.Contains("interrupted under load at", run.Stdout, StringComparison.Ordinal);
        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        var summary = RunDirectoryReader.Summary(dir);
        Assert.True(summary.GetProperty("interrupted").GetBoolean());
        Assert.True(summary.GetProperty("samples").GetProperty("count").GetInt32() > 0);
        Assert.True(summary.GetProperty("client").GetProperty("requestsOk").GetInt64() > 0);
        Assert.True(summary.GetProperty("durationSeconds").GetDouble() < 40, "the run went on after the signal");
        Assert.False(summary.GetProperty("server").GetProperty("exited").GetBoolean(), "a server we stopped was recorded as crashed");
        Assert.True(File.Exists(Path.Combine(dir, "samples.csv")));
        Assert.True(await ServerChildren.GoneAsync(run.Pid, TimeSpan.FromSeconds(5)), "the server child survived the interruption");

        // The partial record against the server's own final count (its last log line): every answer the client counted was
        // served, the server answered no more than the connections the client opened (one request each), and what it
        // answered beyond the record's count was in flight when the signal came: at 250 requests/s, 50 is 200 ms of load.
        var served = Assert.Single(ServerLog.Events(Path.Combine(dir, "server.log"), "Served")).GetProperty("RawRequests").GetInt64();
        var client = summary.GetProperty("client");
        var ok = client.GetProperty("requestsOk").GetInt64();
        var opened = client.GetProperty("connectionsOpened").GetInt64();
        Assert.True(ok <= served && served <= opened && served - ok <= 50, $"the server answered {served} requests; the partial record counts {ok} answered of {opened} connections opened");
    }

    [Fact]
    public async Task SigtermWhileDraining_EndsTheDrainAndWritesAPartialReport()
    {
        using var reports = new TempFolder();
        await using var run = LiveRun.Start("run", "close-wait-fixed", "--duration", "1s", "--drain", "60s", "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync("load stopped; sampling", LineTimeout), run.Stdout);
        run.Signal(Linux.SigTerm);

        Assert.Equal(130, await run.WaitForExitAsync(ExitTimeout));
        Assert.Contains("interrupted while draining at", run.Stdout, StringComparison.Ordinal);
        var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(reports.Path));
        Assert.True(summary.GetProperty("interrupted").GetBoolean());
        Assert.True(summary.GetProperty("durationSeconds").GetDouble() < 40, "the drain went on after the signal");
        Assert.True(await ServerChildren.GoneAsync(run.Pid, TimeSpan.FromSeconds(5)), "the server child survived the interruption");
    }

    [Fact]
    public async Task SecondSignal_QuitsAtOnceAndStillKillsTheServer()
    {
        using var reports = new TempFolder();
        await using var run = LiveRun.Start("run", "close-wait-leak", "--duration", "60s", "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync(" ok ", LineTimeout), run.Stdout);
        Assert.NotEmpty(ServerChildren.Of(run.Pid));
        run.Signal(LiveRun.SigInt);

        // Two signals sent back to back can merge into one pending signal in the kernel: wait for the first to land.
        Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(run.Stderr.Contains("send it again", StringComparison.Ordinal)), TimeSpan.FromSeconds(10)), run.Stderr);
        run.Signal(LiveRun.SigInt);

        Assert.Equal(130, await run.WaitForExitAsync(TimeSpan.FromSeconds(10)));
        Assert.Contains("again: killing the test server", run.Stderr, StringComparison.Ordinal);
        Assert.True(await ServerChildren.GoneAsync(run.Pid, TimeSpan.FromSeconds(2)), "the server child survived the second signal");
    }

    [Fact]
    public async Task PartialSummary_IsWholeJson()
    {
        using var reports = new TempFolder();
        await using var run = LiveRun.Start("run", "close-wait-leak", "--duration", "60s", "--out", reports.Path);
        Assert.True(await run.WaitForLineAsync(" ok ", LineTimeout), run.Stdout);
        run.Signal(Linux.SigTerm);
        Assert.Equal(130, await run.WaitForExitAsync(ExitTimeout));

        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        using var doc = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "summary.json")));
        Assert.Equal(JsonValueKind.Array, doc.RootElement.GetProperty("gates").ValueKind);
        Assert.DoesNotContain(Directory.GetFiles(dir), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
