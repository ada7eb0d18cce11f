using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Target;

/// <summary>
/// Two runs one after the other on one fixed port, as a user runs them against their own server: the first leaves TIME_WAIT
/// for 60 s. Oracle: <c>ss</c>, read between the runs, shows the pile the second run starts among; the second is judged on
/// what it added (absolute counts would fail its TIME_WAIT gate).
/// </summary>
public sealed class BackToBackRunTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task KeepAliveAfterShortConnections_OnOnePort_IsJudgedOnWhatItAdded_NotOnTheTimeWaitTheFirstRunLeft()
    {
        using var reports = new TempFolder();
        var (port, tag) = (PlainServer.FreePort(), PlainServer.Tag());
        var shortRun = await PlainServer.ScenarioAsync(reports, "short-first", "load: { connection: short, http: \"1.0\", rate: 400, duration: 2s, timeout: 1s }\nsample: { interval: 100ms, drain: 300ms }\n");
        var keepAlive = await PlainServer.ScenarioAsync(reports, "keep-alive-second", "load: { connection: keep-alive, model: concurrency, concurrency: 8, duration: 2s, timeout: 1s }\nsample: { interval: 100ms, drain: 500ms }\nexpect: { diagnosis: healthy, maxTimeWait: 64, maxCloseWait: 20 }\n");
        using var server = PlainServer.Start(port, tag);
        try
        {
            Assert.True(await Eventually.HoldsAsync(() => Task.FromResult(PlainServer.Accepts(port)), TimeSpan.FromSeconds(20)));
            var url = $"http://127.0.0.1:{port}/";
            var first = await LoadReproCli.RunAsync(RunTimeout, "run", shortRun, "--target", url, "--out", Path.Combine(reports.Path, "first"));
            Assert.True(first.ExitCode == 0, $"exit {first.ExitCode}; stdout: {first.Stdout}; stderr: {first.Stderr}");

            // The python server waits for the client to close, so the first run's TIME_WAIT sits on the client side of the port.
            var left = await Ss.CountAsync("time-wait", $"( dport = :{port} )");
            Assert.True(left >= 400, $"the first run left only {left} TIME_WAIT on port {port}: nothing for the second to be contaminated by");

            var second = await LoadReproCli.RunAsync(RunTimeout, "run", keepAlive, "--target", url, "--out", Path.Combine(reports.Path, "second"));

            Assert.True(second.ExitCode == 0, $"exit {second.ExitCode}; stdout: {second.Stdout}; stderr: {second.Stderr}");
            var summary = RunDirectoryReader.Summary(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "second")));
            var baseline = summary.GetProperty("baseline").GetProperty("clientTcp").GetProperty("timeWait").GetInt32();
            var peak = summary.GetProperty("peak").GetProperty("clientTcp").GetProperty("timeWait").GetInt32();
            Assert.True(baseline >= left * 0.8, $"the second run saw {baseline} TIME_WAIT before its load, ss saw {left}");
            Assert.True(peak > 64, $"peak TIME_WAIT {peak}: judged absolutely it would pass anyway, so this test could not fail");
            Assert.Equal("healthy", summary.GetProperty("diagnosis").GetProperty("kind").GetString());
            Assert.Contains("already on port", summary.GetProperty("diagnosis").GetProperty("summary").GetString(), StringComparison.Ordinal);
            var gate = summary.GetProperty("gates").EnumerateArray().Single(g => g.GetProperty("name").GetString() == "maxTimeWait");
            Assert.True(gate.GetProperty("passed").GetBoolean(), gate.GetProperty("actual").GetString());
            Assert.Contains("already there", second.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            server.Kill();
            await server.WaitForExitAsync();
        }
    }
}
