using System.Text.Json;
using System.Xml.Linq;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Target;

/// <summary>
/// <c>compare SCENARIO --target URL --server-cmd-a OLD --server-cmd-b NEW</c>: one load on two builds of the user's server,
/// each started for its run and stopped after it. Oracles: the test's own server (a CLOSE_WAIT bug with --leak), /proc and
/// <c>ss</c> for what is left running, and the JUnit file read as XML.
/// </summary>
public sealed class UserServerCompareTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(180);

    [Theory]
    [InlineData("", 0, "The fix holds")]
    [InlineData("--leak", 1, "The fix does not hold")]
    public async Task TwoBuildsUnderOneLoad_Exit0ForARealFix_Exit1WhenBStillLeaks_JUnitListsEveryGate_NothingLeftRunning(string optionsOfB, int exit, string verdict)
    {
        using var reports = new TempFolder();
        var (port, tagA, tagB) = (PlainServer.FreePort(), PlainServer.Tag(), PlainServer.Tag());
        var scenario = await PlainServer.ScenarioAsync(reports, "user-fix", "load: { connection: short, rate: 200, duration: 2s, timeout: 1s, stopAfterExhaustion: 500ms }\nsample: { interval: 100ms, drain: 1s }\nexpect: { diagnosis: healthy, exhaustion: false, maxCloseWait: 50, minSuccessRatio: 0.95 }\n");
        var junit = Path.Combine(reports.Path, "gates.xml");

        var result = await LoadReproCli.RunAsync(RunTimeout, "compare", scenario, "--target", $"http://127.0.0.1:{port}/",
            "--server-cmd-a", PlainServer.Command(port, tagA, "--leak"), "--server-cmd-b", PlainServer.Command(port, tagB, optionsOfB),
            "--max-fds", "256", "--out", Path.Combine(reports.Path, "compare"), "--junit", junit);

        Assert.True(result.ExitCode == exit, $"exit {result.ExitCode}, wanted {exit}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        Assert.Contains(verdict, result.Stdout, StringComparison.Ordinal);
        Assert.Empty(PlainServer.Running(tagA));
        Assert.Empty(PlainServer.Running(tagB));
        Assert.Empty(await Ss.ListenerPidsAsync(port));

        var compare = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RunDirectoryReader.OnlyRun(Path.Combine(reports.Path, "compare")), "compare.json"))).RootElement;
        Assert.Equal("fix", compare.GetProperty("story").GetString());
        var gates = compare.GetProperty("gates").EnumerateArray().Select(g => (g.GetProperty("name").GetString()!, g.GetProperty("passed").GetBoolean())).ToList();
        Assert.Equal(["B diagnosis", "B exhaustion", "B maxCloseWait", "B minSuccessRatio", "fixHolds"], gates.Select(g => g.Item1));
        var cases = XDocument.Load(junit).Root!.Elements("testsuite").SelectMany(s => s.Elements("testcase"))
            .Select(c => ((string)c.Attribute("name")!, c.Element("failure") is null)).ToList();
        Assert.Equal(gates.Select(g => (g.Item1.StartsWith("B ", StringComparison.Ordinal) ? g.Item1[2..] : g.Item1, g.Item2)), cases);
    }
}
