using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;
using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Cli;

public sealed class JUnitTests
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task JUnitFile_ListsEveryGateOfTheSummary_WithTheSamePassOrFail_ForARunAndForACompareOfTheStoredRuns()
    {
        using var temp = new TempFolder();

        // On a busy machine the fix's CLOSE_WAIT can peak above its gate: the file must agree with summary.json either way.
        var fixedXml = Path.Combine(temp.Path, "fixed.xml");
        var fixedRun = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--duration", "2s", "--out", Path.Combine(temp.Path, "fixed"), "--junit", fixedXml);
        Assert.True(fixedRun.ExitCode is 0 or 1, $"exit {fixedRun.ExitCode}; stdout: {fixedRun.Stdout}; stderr: {fixedRun.Stderr}");
        var fixedDir = RunDirectoryReader.OnlyRun(Path.Combine(temp.Path, "fixed"));
        var fixedSummary = RunDirectoryReader.Summary(fixedDir);
        Assert.Equal(fixedSummary.GetProperty("passed").GetBoolean() ? 0 : 1, fixedRun.ExitCode);
        Assert.Contains($"gates as JUnit XML: {fixedXml}", fixedRun.Stdout, StringComparison.Ordinal);
        AssertSuiteMatchesSummary(Assert.Single(XDocument.Load(fixedXml).Root!.Elements("testsuite")), fixedSummary, fixedDir);

        var leakXml = Path.Combine(temp.Path, "leak.xml");
        var leakRun = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-leak", "--expect", "maxCloseWait=5", "--out", Path.Combine(temp.Path, "leak"), "--junit", leakXml);
        Assert.True(leakRun.ExitCode == 1, $"exit {leakRun.ExitCode}; stdout: {leakRun.Stdout}; stderr: {leakRun.Stderr}");
        var leakDir = RunDirectoryReader.OnlyRun(Path.Combine(temp.Path, "leak"));
        var leakSummary = RunDirectoryReader.Summary(leakDir);
        var leakRoot = XDocument.Load(leakXml).Root!;
        var leakSuite = Assert.Single(leakRoot.Elements("testsuite"));
        AssertSuiteMatchesSummary(leakSuite, leakSummary, leakDir);
        var closeWait = leakSummary.GetProperty("peak").GetProperty("tcp").GetProperty("closeWait").GetInt32();
        var failure = leakSuite.Elements("testcase").Single(c => (string?)c.Attribute("name") == "maxCloseWait").Element("failure")!;
        Assert.Equal($"expected ≤ 5, got {closeWait}", (string?)failure.Attribute("message"));
        Assert.Contains(leakSummary.GetProperty("diagnosis").GetProperty("summary").GetString()!, failure.Value, StringComparison.Ordinal);
        Assert.Equal((string?)leakSuite.Attribute("failures"), (string?)leakRoot.Attribute("failures"));

        // Comparing the two stored runs runs nothing: A's gates, B's gates and the verdict, as compare.json has them.
        var compareXml = Path.Combine(temp.Path, "compare.xml");
        var compare = await LoadReproCli.RunAsync(RunTimeout, "compare", leakDir, fixedDir, "--out", Path.Combine(temp.Path, "compare"), "--junit", compareXml);
        Assert.True(compare.ExitCode is 0 or 1, $"exit {compare.ExitCode}; stdout: {compare.Stdout}; stderr: {compare.Stderr}");
        var compareJson = ReadJson(Path.Combine(RunDirectoryReader.OnlyRun(Path.Combine(temp.Path, "compare")), "compare.json"));
        Assert.Equal(compareJson.GetProperty("passed").GetBoolean() ? 0 : 1, compare.ExitCode);
        var suites = XDocument.Load(compareXml).Root!.Elements("testsuite").ToList();
        Assert.Equal(["close-wait-leak", "close-wait-fixed"], suites.Select(s => (string?)s.Attribute("name")));
        var cases = suites.SelectMany(s => s.Elements("testcase")).ToList();
        var gates = compareJson.GetProperty("gates").EnumerateArray().ToList();
        Assert.Equal(gates.Count, cases.Count);
        Assert.Equal(
            gates.Select(g => (g.GetProperty("name").GetString()!, g.GetProperty("passed").GetBoolean())),
            cases.Select(c => (Side(c) + (string)c.Attribute("name")!, c.Element("failure") is null)));
    }

    [Fact]
    public async Task JUnitInAFolderThatDoesNotExist_IsOneLineAndExit2_BeforeAnythingRuns()
    {
        using var reports = new TempFolder();
        var result = await LoadReproCli.RunAsync(RunTimeout, "run", "close-wait-fixed", "--junit", "/nonexistent-dir/x.xml", "--out", reports.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("loadrepro: --junit /nonexistent-dir/x.xml: the folder /nonexistent-dir does not exist", Assert.Single(result.StderrLines));
        Assert.Empty(Directory.GetFileSystemEntries(reports.Path));
    }

    /// <summary>The suite lists each gate of summary.json once, in order, failed exactly where the summary says so, with its numbers.</summary>
    private static void AssertSuiteMatchesSummary(XElement suite, JsonElement summary, string runDirectory)
    {
        var gates = summary.GetProperty("gates").EnumerateArray().ToList();
        var cases = suite.Elements("testcase").ToList();
        Assert.Equal(summary.GetProperty("scenario").GetString(), (string?)suite.Attribute("name"));
        Assert.Equal(gates.Select(g => g.GetProperty("name").GetString()), cases.Select(c => (string?)c.Attribute("name")));
        foreach (var (gate, testcase) in gates.Zip(cases))
        {
            Assert.Equal($"loadrepro.{summary.GetProperty("scenario").GetString()}", (string?)testcase.Attribute("classname"));
            var failure = testcase.Element("failure");
            Assert.Equal(gate.GetProperty("passed").GetBoolean(), failure is null);
            if (failure is not null)
            {
                Assert.Equal($"expected {gate.GetProperty("limit").GetString()}, got {gate.GetProperty("actual").GetString()}", (string?)failure.Attribute("message"));
            }
        }

        Assert.Equal(gates.Count.ToString(CultureInfo.InvariantCulture), (string?)suite.Attribute("tests"));
        Assert.Equal(gates.Count(g => !g.GetProperty("passed").GetBoolean()).ToString(CultureInfo.InvariantCulture), (string?)suite.Attribute("failures"));
        Assert.Equal(summary.GetProperty("durationSeconds").GetDouble(), double.Parse((string)suite.Attribute("time")!, CultureInfo.InvariantCulture), tolerance: 0.0005);
        Assert.Contains(runDirectory, suite.Element("system-out")!.Value, StringComparison.Ordinal);
        Assert.Contains(suite.Element("properties")!.Elements("property"), p => (string?)p.Attribute("name") == "runDirectory" && (string?)p.Attribute("value") == runDirectory);
    }

    /// <summary>How compare.json names a testcase's gate: "A …", "B …", or the verdict's own.</summary>
    private static string Side(XElement testcase) => (string?)testcase.Attribute("classname") switch
    {
        "loadrepro.close-wait-leak" => "A ",
        "loadrepro.close-wait-fixed" => "B ",
        _ => "",
    };

    private static JsonElement ReadJson(string path)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(path));
        return doc.RootElement.Clone();
    }
}
