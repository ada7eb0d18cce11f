using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Cli;

public sealed class ExpectGateTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task ExpectOnTheCommandLine_FailsTheRun_AndListsTheGateOnConsoleAndInReports()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--duration", "1s", "--drain", "500ms", "--expect", "maxP99Ms=0", "--out", reports.Path);

        Assert.True(result.ExitCode == 1, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        Assert.Contains("gate maxP99Ms failed: expected ≤ 0 ms", result.Stdout, StringComparison.Ordinal);
        var dir = RunDirectoryReader.OnlyRun(reports.Path);
        var gates = RunDirectoryReader.Summary(dir).GetProperty("gates").EnumerateArray().ToList();
        var p99 = Assert.Single(gates, g => g.GetProperty("name").GetString() == "maxP99Ms");
        Assert.False(p99.GetProperty("passed").GetBoolean());
        Assert.Contains(gates, g => g.GetProperty("name").GetString() == "diagnosis");
        Assert.Contains("| maxP99Ms | ≤ 0 ms |", File.ReadAllText(Path.Combine(dir, "report.md")), StringComparison.Ordinal);
        Assert.Contains("Failed gates", File.ReadAllText(Path.Combine(dir, "report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExpectWithAnUnknownKey_IsOneLineAndExit2_BeforeAnythingRuns()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--expect", "maxWidgets=3", "--out", reports.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("loadrepro: --expect maxWidgets=3: 'maxWidgets' is not a gate (keys: diagnosis, exhaustion, maxCloseWait, maxTimeWait, maxFdGrowth, minSuccessRatio, maxP99Ms)", Assert.Single(result.StderrLines));
        Assert.Empty(Directory.GetDirectories(reports.Path));
    }
}
