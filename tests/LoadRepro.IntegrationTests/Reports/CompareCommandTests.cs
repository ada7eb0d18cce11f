using LoadRepro.IntegrationTests.Infrastructure;

namespace LoadRepro.IntegrationTests.Reports;

[Collection(RealComparisonGroup.Name)]
public sealed class CompareCommandTests(RealComparison comparison)
{
    [Fact]
    public void Compare_WritesJsonMarkdownHtml_AndBothRunsWithTheirReports()
    {
        foreach (var file in new[] { "compare.json", "compare.md", "compare.html" })
        {
            Assert.True(File.Exists(Path.Combine(comparison.Directory, file)), $"{file} is missing; stdout: {comparison.Result.Stdout}");
        }

        foreach (var side in new[] { "a", "b" })
        {
            foreach (var file in new[] { "summary.json", "samples.csv", "report.md", "report.html" })
            {
                Assert.True(File.Exists(Path.Combine(comparison.Run(side), file)), $"{side}: {file} is missing");
            }
        }

        Assert.Matches(@"\d{8}-\d{6}-compare-close-wait-leak-vs-close-wait-fixed$", comparison.Directory);
    }

    [Fact]
    public void Compare_TellsTheFixStory_WithTheKeyFiguresOfBothRuns()
    {
        var json = comparison.Json;
        Assert.Equal("fix", json.GetProperty("story").GetString());
        Assert.Equal("close-wait-leak", json.GetProperty("a").GetProperty("diagnosis").GetString());
        Assert.Equal("healthy", json.GetProperty("b").GetProperty("diagnosis").GetString());

        var figures = json.GetProperty("figures").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!);
        // The figures against the runs' own samples: CompareVerdictOracleTests.
        var closeWait = figures["peak CLOSE_WAIT, server side"];
        Assert.True(closeWait.GetProperty("a").GetDouble() >= 500, $"A's CLOSE_WAIT peak {closeWait.GetProperty("a")} is no leak");
        Assert.Equal("b", closeWait.GetProperty("better").GetString());

        var emfile = figures["first EMFILE after the load started"];
        Assert.True(emfile.GetProperty("a").GetDouble() > 0);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, emfile.GetProperty("b").ValueKind);
        Assert.Equal("gone", emfile.GetProperty("change").GetString());

        var verdict = json.GetProperty("verdict");
        Assert.True(verdict.GetProperty("holds").GetBoolean(), verdict.GetProperty("headline").GetString());
        Assert.StartsWith("The fix holds", verdict.GetProperty("headline").GetString(), StringComparison.Ordinal);
        Assert.Contains("The fix holds", comparison.Result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Compare_LeakAgainstItsFix_HoldsEveryGateOfBothScenarios_AndExits0()
    {
        // In 5 s at 1000/s close-wait-leak leaks thousands of connections, past the ~830 descriptors left under 1024, so its gates
        // (close-wait-leak, exhaustion: true) hold; close-wait-fixed stays healthy and flat. Every gate holds: exit 0.
        var failed = comparison.Json.GetProperty("gates").EnumerateArray().Where(g => !g.GetProperty("passed").GetBoolean()).Select(g => g.GetProperty("name").GetString()).ToList();
        Assert.True(comparison.Result.ExitCode == 0, $"exit {comparison.Result.ExitCode}, failed gates: {string.Join(", ", failed)}; stdout: {comparison.Result.Stdout}; stderr: {comparison.Result.Stderr}");
        Assert.Empty(failed);
        Assert.True(comparison.Json.GetProperty("passed").GetBoolean());
        Assert.Contains("A exhaustion", comparison.Json.GetProperty("gates").EnumerateArray().Select(g => g.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task Compare_OfTwoRunDirectories_ReusesThemWithoutRunningAgain()
    {
        using var again = new TempFolder();
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "compare", comparison.Run("a"), comparison.Run("b"), "--out", again.Path);

        // The same two records, judged by the same gates: every gate holds again, exit 0.
        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        var dir = RunDirectoryReader.OnlyRun(again.Path);
        Assert.False(System.IO.Directory.Exists(Path.Combine(dir, "runs")), "the runs were made again");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "compare.json")));
        Assert.Equal(comparison.Json.GetProperty("verdict").GetProperty("headline").GetString(), doc.RootElement.GetProperty("verdict").GetProperty("headline").GetString());
    }

    [Theory]
    [InlineData("diagnosis=healthy", 0, "")] // A, close-wait-leak, would fail it: held by B alone, it passes
    [InlineData("exhaustion=true", 1, "B exhaustion")]
    public async Task CompareExpect_JudgesTheCandidateB_AndLeavesTheGatesOfAAlone(string pair, int exit, string failed)
    {
        using var again = new TempFolder();
        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "compare", comparison.Run("a"), comparison.Run("b"), "--expect", pair, "--out", again.Path);

        Assert.True(result.ExitCode == exit, $"exit {result.ExitCode}; stdout: {result.Stdout}; stderr: {result.Stderr}");
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(RunDirectoryReader.OnlyRun(again.Path), "compare.json")));
        var gates = doc.RootElement.GetProperty("gates").EnumerateArray().ToList();
        Assert.Equal(failed, string.Join(", ", gates.Where(g => !g.GetProperty("passed").GetBoolean()).Select(g => g.GetProperty("name").GetString())));
        var key = pair.Split('=')[0];
        Assert.Equal(pair.Split('=')[1], gates.Single(g => g.GetProperty("name").GetString() == $"B {key}").GetProperty("limit").GetString());
        var gateA = gates.Single(g => g.GetProperty("name").GetString() == $"A {key}");
        Assert.True(gateA.GetProperty("passed").GetBoolean(), $"A's own {key} gate changed: {gateA}");
    }

    [Fact]
    public async Task Report_RendersTheHtmlAndMarkdownAgain_FromSummarySamplesAndClientSeries()
    {
        using var copy = new TempFolder();
        foreach (var file in new[] { "summary.json", "samples.csv", "client.csv" })
        {
            File.Copy(Path.Combine(comparison.Run("a"), file), Path.Combine(copy.Path, file));
        }

        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "report", copy.Path);

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}; stderr: {result.Stderr}");
        var original = File.ReadAllText(Path.Combine(comparison.Run("a"), "report.html"));
        var rendered = File.ReadAllText(Path.Combine(copy.Path, "report.html"));
        var summary = RunDirectoryReader.Summary(copy.Path).GetProperty("diagnosis").GetProperty("summary").GetString()!;
        Assert.Contains(LoadRepro.Reports.Html.HtmlPage.Encode(summary), rendered, StringComparison.Ordinal);
        Assert.Equal(Count(original, "<svg "), Count(rendered, "<svg "));
        Assert.Equal(5, Count(rendered, "<svg "));
        Assert.Equal(File.ReadAllText(Path.Combine(comparison.Run("a"), "report.md")), File.ReadAllText(Path.Combine(copy.Path, "report.md")));
    }

    [Fact]
    public async Task Report_OfACorruptRunDirectory_IsOneLineAndExit2()
    {
        using var bad = new TempFolder();
        File.Copy(Path.Combine(comparison.Run("a"), "summary.json"), Path.Combine(bad.Path, "summary.json"));
        await File.WriteAllTextAsync(Path.Combine(bad.Path, "samples.csv"), "seconds,phase\n1,2\n");

        var result = await LoadReproCli.RunAsync(TimeSpan.FromSeconds(60), "report", bad.Path);

        Assert.Equal(2, result.ExitCode);
        Assert.Single(result.StderrLines);
        Assert.Contains("samples.csv:1: not a samples file", result.Stderr, StringComparison.Ordinal);
    }

    private static int Count(string text, string what) => (text.Length - text.Replace(what, "", StringComparison.Ordinal).Length) / what.Length;
}
